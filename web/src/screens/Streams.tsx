export default function Streams() { return <section className="screen"><h1>Streams</h1></section>; }

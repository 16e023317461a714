export default function Swap() { return <section className="screen"><h1>Swap</h1></section>; }

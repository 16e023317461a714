export default function Pool() { return <section className="screen"><h1>Pool</h1></section>; }

export default function Activity() { return <section className="screen"><h1>Activity</h1></section>; }

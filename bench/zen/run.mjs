// GoRules ZEN side by side (issue 8 item 2). Usage:
//   node run.mjs <model.jdm.json> <population.json> <ours.json> [--trace] [--limit N]
// Scores every enterprise of the population (the same JSON the CLI's `score` reads: [{id, variant, facts}])
// with ZEN, checks total, grade and every indicator's points against our ScoreCards (the CLI's output) to the
// cent, and prints the time per enterprise: the evaluation loop alone (sequential awaits, then 64 in flight)
// and end to end (read + parse the JSON input, load the model, evaluate all, sequential).
import { readFileSync } from 'node:fs';
import { ZenEngine } from '@gorules/zen-engine';

const [modelPath, populationPath, oursPath] = process.argv.slice(2);
const trace = process.argv.includes('--trace');
const start = process.hrtime.bigint();
const limitAt = process.argv.indexOf('--limit');
const population = JSON.parse(readFileSync(populationPath, 'utf8')).slice(0, limitAt > 0 ? Number(process.argv[limitAt + 1]) : undefined);
const engine = new ZenEngine();
const decision = engine.createDecision(JSON.parse(readFileSync(modelPath, 'utf8')));
const loaded = process.hrtime.bigint();

const results = new Array(population.length);
for (let i = 0; i < population.length; i++) results[i] = (await decision.evaluate(population[i].facts, { trace })).result;
const sequentialEnd = process.hrtime.bigint();

// The same again with up to 64 evaluations in flight (ZEN runs them on its native thread pool).
const concurrentStart = process.hrtime.bigint();
for (let i = 0; i < population.length; i += 64)
  await Promise.all(population.slice(i, i + 64).map(p => decision.evaluate(p.facts, { trace })));
const concurrentEnd = process.hrtime.bigint();

const ms = (a, b) => Number(b - a) / 1e6;
const n = population.length;
const cents = v => Math.round(Number(v) * 100);
let differences = 0;
if (oursPath) {
  const ours = JSON.parse(readFileSync(oursPath, 'utf8'));
  const byId = new Map(ours.map(c => [c.id, c]));
  for (let i = 0; i < n; i++) {
    const card = byId.get(population[i].id), zen = results[i];
    const diffs = [];
    if (!card) diffs.push('no ScoreCard');
    else {
      if (cents(card.total) !== cents(zen.total)) diffs.push(`total ours ${card.total} zen ${zen.total}`);
      if (card.grade !== zen.grade) diffs.push(`grade ours ${card.grade} zen ${zen.grade}`);
      for (const [id, ind] of Object.entries(card.indicators)) {
        const z = zen['p_' + id.replaceAll('-', '_')];
        if (cents(ind.points) !== cents(z)) diffs.push(`${id} ours ${ind.points} zen ${z}`);
      }
    }
    if (diffs.length) { if (differences < 10) console.error(`${population[i].id}: ${diffs.join('; ')}`); differences++; }
  }
}
console.log(JSON.stringify({
  model: modelPath, enterprises: n, trace,
  differences: oursPath ? differences : 'not checked',
  loadMs: +ms(start, loaded).toFixed(0),
  sequentialUsPerEnterprise: +(ms(loaded, sequentialEnd) * 1000 / n).toFixed(2),
  concurrent64UsPerEnterprise: +(ms(concurrentStart, concurrentEnd) * 1000 / n).toFixed(2),
  endToEndSequentialMs: +ms(start, sequentialEnd).toFixed(0),
}));
if (oursPath && differences > 0) process.exitCode = 1;

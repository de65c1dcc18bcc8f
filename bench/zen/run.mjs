// GoRules ZEN side by side (issue 8 item 2). Three uses:
//
//   node run.mjs <model.jdm.json> <population.json> --write <zen.json> [--in-flight N]
//       End to end, as one process, what our CLI's `score` does: read and parse the JSON input ([{id, variant, facts}],
//       the file the CLI reads), load the model, evaluate every enterprise (N in flight on ZEN's native threads,
//       default 64, the faster of the two ways measured below), write every result to <zen.json>. bench/run.sh times
//       this whole process (wall and CPU) against the CLI's.
//   node run.mjs --compare <population.json> <zen.json> <ours.json>
//       Checks total, grade and every indicator's points of each result against our ScoreCards to the cent;
//       exits 1 on any difference.
//   node run.mjs <model.jdm.json> <population.json> <ours.json> [--trace] [--limit N]
//       In process: the evaluation loop alone (sequential awaits, then 64 in flight) per enterprise, and end to end
//       from reading the input to the last sequential result; then the same check against our ScoreCards.
import { readFileSync, writeFileSync } from 'node:fs';
import { ZenEngine } from '@gorules/zen-engine';

const args = process.argv.slice(2);
const flag = name => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const ms = (a, b) => Number(b - a) / 1e6;
const cents = v => Math.round(Number(v) * 100);

// Differences between ZEN's results and our ScoreCards (the CLI's JSON), by id; prints the first ten.
function compare(population, results, ours) {
  const byId = new Map(ours.map(c => [c.id, c]));
  let differences = 0;
  for (let i = 0; i < population.length; i++) {
    const card = byId.get(population[i].id), zen = results[i];
    const diffs = [];
    if (!card) diffs.push('no ScoreCard');
    else if (!zen) diffs.push('no ZEN result');
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
  return differences;
}

if (args[0] === '--compare') {
  const [, populationPath, zenPath, oursPath] = args;
  const population = JSON.parse(readFileSync(populationPath, 'utf8'));
  const zen = JSON.parse(readFileSync(zenPath, 'utf8'));
  const byId = new Map(zen.map(r => [r.id, r.result]));
  const differences = compare(population, population.map(p => byId.get(p.id)), JSON.parse(readFileSync(oursPath, 'utf8')));
  console.log(JSON.stringify({ compared: zenPath, with: oursPath, enterprises: population.length, zenResults: zen.length, differences }));
  if (differences > 0 || zen.length !== population.length) process.exitCode = 1;
} else if (flag('--write')) {
  const [modelPath, populationPath] = args;
  const inFlight = Number(flag('--in-flight') ?? 64);
  const start = process.hrtime.bigint();
  const population = JSON.parse(readFileSync(populationPath, 'utf8'));
  const decision = new ZenEngine().createDecision(JSON.parse(readFileSync(modelPath, 'utf8')));
  const loaded = process.hrtime.bigint();
  const results = new Array(population.length);
  for (let i = 0; i < population.length; i += inFlight) {
    const batch = population.slice(i, i + inFlight);
    const out = await Promise.all(batch.map(p => decision.evaluate(p.facts)));
    for (let k = 0; k < batch.length; k++) results[i + k] = { id: batch[k].id, result: out[k].result };
  }
  const evaluated = process.hrtime.bigint();
  writeFileSync(flag('--write'), JSON.stringify(results, null, 2));
  const written = process.hrtime.bigint();
  console.log(JSON.stringify({
    model: modelPath, enterprises: population.length, inFlight,
    parseAndLoadMs: +ms(start, loaded).toFixed(0), evaluateMs: +ms(loaded, evaluated).toFixed(0),
    writeMs: +ms(evaluated, written).toFixed(0), endToEndMs: +ms(start, written).toFixed(0),
  }));
} else {
  const [modelPath, populationPath, oursPath] = args;
  const trace = args.includes('--trace');
  const start = process.hrtime.bigint();
  const limit = flag('--limit');
  const population = JSON.parse(readFileSync(populationPath, 'utf8')).slice(0, limit ? Number(limit) : undefined);
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

  const n = population.length;
  const differences = oursPath ? compare(population, results, JSON.parse(readFileSync(oursPath, 'utf8'))) : 'not checked';
  console.log(JSON.stringify({
    model: modelPath, enterprises: n, trace, differences,
    loadMs: +ms(start, loaded).toFixed(0),
    sequentialUsPerEnterprise: +(ms(loaded, sequentialEnd) * 1000 / n).toFixed(2),
    concurrent64UsPerEnterprise: +(ms(concurrentStart, concurrentEnd) * 1000 / n).toFixed(2),
    endToEndSequentialMs: +ms(start, sequentialEnd).toFixed(0),
  }));
  if (oursPath && differences > 0) process.exitCode = 1;
}

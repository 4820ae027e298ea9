import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../tf';
import { cloneEnsemble, disposeEnsemble } from '../../models/ensemble';
import { predictLogits } from '../../train/predict';
import { concatRows } from '../shared/batch';
import { RUN_METHODS } from '../run-registry';
import { contextFor, flatWeights, makeFixture, rms, type Fixture } from '../test-fixture';
import { scrubParams } from './meta';
import { scrubTrain } from './run';
import { freezeTeacher } from './teacher';

let fx: Fixture;
beforeAll(async () => (fx = await makeFixture()));
afterAll(() => disposeEnsemble(fx.originals));

const params = scrubParams.parse({ learningRate: 3e-3, epochs: 3, maxEpochs: 2, batchSize: 64, forgetBatchSize: 8 });

describe('SCRUB', () => {
  it('moves the student away from the teacher on F while the teacher stays frozen', async () => {
    const student = cloneEnsemble(fx.originals);
    const rows = concatRows(fx.forget, fx.retain);
    const teacher = await freezeTeacher(student, fx.inputs, rows);
    const teacherBefore = (await teacher.logits.data()).slice();
    expect(teacher.logits).not.toBeInstanceOf(tf.Variable);
    expect(teacherBefore).toEqual(await predictLogits(fx.originals, fx.inputs, rows));

    const run = await scrubTrain({ student, teacher, inputs: fx.inputs, labels: fx.labels, forget: fx.forget, retain: fx.retain, params, seed: 1 });
    expect(run.diverged).toBe(false);
    expect(await teacher.logits.data()).toEqual(teacherBefore);

    // The student's weights moved (the published bug left them untouched) ...
    const before = await flatWeights(fx.originals);
    const after = await flatWeights(student);
    expect(after.some((w, i) => rms(w, before[i]) > 1e-3)).toBe(true);
    // ... more on the forget set than on the retain set, relative to the teacher.
    const original = { forget: await predictLogits(fx.originals, fx.inputs, fx.forget), retain: await predictLogits(fx.originals, fx.inputs, fx.retain) };
    const moved = {
      forget: rms(await predictLogits(student, fx.inputs, fx.forget), original.forget),
      retain: rms(await predictLogits(student, fx.inputs, fx.retain), original.retain),
    };
    expect(moved.forget).toBeGreaterThan(1.5 * moved.retain);
    teacher.dispose();
    disposeEnsemble(student);
  });

  it('as a method: trains the originals in place, releases its teacher', async () => {
    const ctx = contextFor(fx, params);
    const tensorsBefore = tf.memory().numTensors;
    const out = await RUN_METHODS.scrub.run(ctx);
    expect(out.ensemble).toBe(ctx.originals);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    const before = await flatWeights(fx.originals);
    expect((await flatWeights(out.ensemble!)).some((w, i) => rms(w, before[i]) > 1e-3)).toBe(true);
    expect(out.cost.steps).toBe(2 * Math.ceil(fx.forget.length / 8) + 3 * Math.ceil(fx.retain.length / 64));
    disposeEnsemble(out.ensemble!);
  });
});

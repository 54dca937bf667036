// Model facts added for the runtime rules: ARG name/value pairs, variables in scope, WORKDIR.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  argProperties,
  buildModel,
  declarations,
  resolveInStage,
  shippedStages,
  stageByRef,
  stageVariables,
  workdirAt,
} from '../../server/src/languages/dockerfile/model';

describe('dockerfile model: ARG pairs', () => {
  it('reads several names in one ARG as BuildKit does', () => {
    const m = buildModel('ARG A B=1 C="x y"\nFROM alpine:${B}\n');
    const got = argProperties(m, m.ast.getInstructions()[0]!).map((p) => [p.name, p.value]);
    assert.deepEqual(got, [['A', null], ['B', '1'], ['C', 'x y']]);
    assert.equal(m.globalArgs.get('B')?.value, '1');
    assert.equal(m.stages[0]!.image.resolved, 'alpine:1');
  });

  it('lists declarations of every stage, global ARGs and ONBUILD', () => {
    const m = buildModel('ARG G=1\nFROM a:1\nENV E=2\nLABEL l=3\nONBUILD ARG O\n');
    assert.deepEqual(
      declarations(m).map((d) => [d.keyword, d.name, d.stage?.index ?? null, d.onbuild]),
      [['ARG', 'G', null, false], ['ENV', 'E', 0, false], ['LABEL', 'l', 0, false], ['ARG', 'O', 0, true]],
    );
  });
});

describe('dockerfile model: variables in scope', () => {
  it('sees a global ARG only when the stage redeclares it', () => {
    const m = buildModel('ARG UID=0\nFROM a:1\nUSER $UID\nARG UID\nUSER $UID\n');
    const [u1, , u2] = m.stages[0]!.instructions;
    assert.equal(resolveInStage(m, m.stages[0]!, u1!, '$UID'), undefined);
    assert.equal(resolveInStage(m, m.stages[0]!, u2!, '$UID'), '0');
  });

  it('carries ENV (not ARG) into stages built FROM a stage, and lets ENV win over ARG', () => {
    const m = buildModel('FROM a:1 AS base\nARG V=arg\nENV HOME_DIR=/srv/$V\nFROM base\nARG V=other\nRUN x\n');
    const final = m.stages[1]!;
    const vars = stageVariables(m, final, final.instructions[1]);
    assert.equal(vars.get('HOME_DIR')?.value, '/srv/arg');
    assert.equal(vars.get('V')?.value, 'other');
    const m2 = buildModel('FROM a:1\nENV P=env\nARG P=arg\nRUN x\n');
    assert.equal(stageVariables(m2, m2.stages[0]!, m2.stages[0]!.instructions[2]).get('P')?.value, 'env');
  });

  it('resolves ${VAR:-default} when the ARG has no value', () => {
    const m = buildModel('FROM a:1\nARG PORT\nEXPOSE ${PORT:-22}\n');
    const s = m.stages[0]!;
    assert.equal(resolveInStage(m, s, s.instructions[1]!, '${PORT:-22}'), '22');
  });
});

describe('dockerfile model: stages and paths', () => {
  it('follows WORKDIR, relative ones included, through FROM <stage>', () => {
    const m = buildModel('FROM a:1 AS base\nWORKDIR /app\nWORKDIR src\nFROM base\nCOPY x .\n');
    assert.equal(workdirAt(m, m.stages[1]!, m.stages[1]!.instructions[0]), '/app/src');
    assert.equal(workdirAt(m, m.stages[0]!, m.stages[0]!.instructions[0]), '/');
  });

  it('finds --from stages by name or index, never later ones', () => {
    const m = buildModel('FROM a:1 AS Build\nFROM b:1\nFROM c:1 AS late\n');
    assert.equal(stageByRef(m, 'build', m.stages[1])?.index, 0);
    assert.equal(stageByRef(m, '0', m.stages[1])?.index, 0);
    assert.equal(stageByRef(m, 'late', m.stages[1]), undefined);
  });

  it('ships the final stage and the stages it is built FROM', () => {
    const m = buildModel('FROM a:1 AS base\nFROM b:1 AS other\nFROM base\n');
    assert.deepEqual(shippedStages(m).map((s) => s.index), [2, 0]);
  });
});

/**
 * The methods to compare: a checkbox per method with its one-line explanation, and for
 * each chosen one its hyperparameters behind a disclosure, read from the method's own
 * schema (bounds, defaults, help). DMM and DM-direct show their estimator as a choice.
 */
import { METHOD_META_LIST, METHOD_METAS, parseMethodParams } from '../../../workers/engine/methods/registry';
import type { MethodId } from '../../../workers/engine/methods/types';
import type { MethodChoice } from '../../../workers/engine/experiment/schema';
import { useExperimentStore } from '../../state/experiment-store';
import { methodColour } from '../Charts/palette';
import { NumberField } from '../Training/NumberField';
import { Field, controlClass } from '../Field/Field';
import { humanise, paramFields } from './schema-fields';
import styles from './Experiment.module.css';

interface Props {
  disabled: boolean;
  showMethods: boolean;
  showParams: boolean;
}

export function MethodPicker({ disabled, showMethods, showParams }: Props) {
  const methods = useExperimentStore((s) => s.experiment.methods);
  const setMethods = useExperimentStore((s) => s.setMethods);
  const chosen = new Set(methods.map((m) => m.id));

  const toggle = (id: MethodId, on: boolean) => {
    if (on) {
      const next = [...methods, { id, params: {} }];
      // Keep the page's order, so colours and rows stay put.
      const order = METHOD_META_LIST.map((m) => m.id);
      setMethods(next.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id)));
    } else if (methods.length > 1) setMethods(methods.filter((m) => m.id !== id));
  };

  const setParam = (index: number, key: string, value: unknown) => {
    const m = methods[index];
    const params = { ...m.params, [key]: value };
    try {
      parseMethodParams(m.id, params);
    } catch {
      return; // out of bounds: the field shows the bounds; keep the last valid value
    }
    setMethods(methods.map((x, i) => (i === index ? { ...x, params } : x)));
  };

  const visible = showMethods ? METHOD_META_LIST : METHOD_META_LIST.filter((m) => chosen.has(m.id));
  return (
    <fieldset className={styles.methods} disabled={disabled}>
      <legend className={styles.legend}>Methods to compare</legend>
      {visible.map((meta) => {
        const index = methods.findIndex((m) => m.id === meta.id);
        const choice: MethodChoice | undefined = methods[index];
        return (
          <div key={meta.id} className={styles.method} data-checked={!!choice}>
            <label className={styles.methodLabel}>
              <input type="checkbox" checked={!!choice} disabled={!showMethods || (!!choice && methods.length === 1)} onChange={(e) => toggle(meta.id, e.target.checked)} />
              <span className={styles.methodDot} style={{ background: methodColour(meta.id) }} aria-hidden />
              <span>
                <span className={styles.methodName}>{meta.label}</span>
                <span className={styles.methodText}>{meta.explanation}</span>
              </span>
            </label>
            {choice && showParams && <ParamForm id={meta.id} params={choice.params} onChange={(k, v) => setParam(index, k, v)} />}
          </div>
        );
      })}
    </fieldset>
  );
}

function ParamForm({ id, params, onChange }: { id: MethodId; params: Record<string, unknown>; onChange: (key: string, value: unknown) => void }) {
  const meta = METHOD_METAS[id];
  const fields = paramFields(meta.params);
  if (fields.length === 0) return null;
  // Collapsed by default: a class needs the methods, not 30 fields in the Tab order.
  return (
    <details className={styles.paramsDisclosure}>
      <summary className={styles.paramsSummary}>
        Hyperparameters <span className={styles.paramsCount}>({fields.length})</span>
      </summary>
    <div className={styles.params}>
      {fields.map((f) => {
        const label = humanise(f.key);
        const help = meta.paramHelp[f.key];
        const value = params[f.key] ?? f.fallback;
        if (f.kind === 'number') {
          return (
            <div key={f.key} className={styles.param}>
              <NumberField
                label={`${meta.label.replace(/ \(.*?\)/, '')} ${label.toLowerCase()}`}
                value={Number(value)}
                min={f.min}
                max={f.max}
                step={f.integer ? 1 : 'any'}
                hint={`${help ?? label} (${f.min} to ${f.max})`}
                onCommit={(v) => onChange(f.key, f.integer ? Math.round(Math.min(f.max, Math.max(f.min, v))) : Math.min(f.max, Math.max(f.min, v)))}
              />
              {help && <p className={styles.help}>{help}</p>}
            </div>
          );
        }
        if (f.kind === 'choice') {
          return (
            <div key={f.key} className={styles.param}>
              <Field label={`${meta.label.replace(/ \(.*?\)/, '')} ${label.toLowerCase()}`}>
                {(fid) => (
                  <select id={fid} className={controlClass} value={String(value)} onChange={(e) => onChange(f.key, e.target.value)}>
                    {f.options.map((o) => (
                      <option key={o} value={o}>
                        {o}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              {help && <p className={styles.help}>{help}</p>}
            </div>
          );
        }
        return (
          <label key={f.key} className={styles.param}>
            <input type="checkbox" checked={Boolean(value)} onChange={(e) => onChange(f.key, e.target.checked)} /> {label}
          </label>
        );
      })}
    </div>
    </details>
  );
}

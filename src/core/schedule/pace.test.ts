import { describe, expect, it } from 'vitest';
import { resolvePlanCurve } from './pace.js';
import { EVEN_CURVE } from './time-progress.js';

const winter = [300, 600, 1500, 2400, 3300, 4200, 5100, 6000, 7000, 8000, 9000, 10_000];
const spring = [0, 500, 1500, 2500, 3500, 4500, 5500, 6500, 7500, 8500, 9300, 10_000];
const project = [500, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 9500, 10_000];

describe('resolvePlanCurve (序时 override order)', () => {
  const units = new Map<string, readonly number[]>([
    ['county', winter],
    ['zone', spring],
  ]);

  it('takes the project’s own curve first', () => {
    expect(resolvePlanCurve(project, '/county/zone/', units)).toEqual({ curve: project, source: 'project', unitId: null });
  });

  it('then the lead unit’s, then the nearest parent’s', () => {
    expect(resolvePlanCurve(null, '/county/zone/', units)).toEqual({ curve: spring, source: 'unit', unitId: 'zone' });
    expect(resolvePlanCurve(null, '/county/zone/park/', units)).toEqual({ curve: spring, source: 'unit', unitId: 'zone' });
    expect(resolvePlanCurve(undefined, '/county/land/', units)).toEqual({ curve: winter, source: 'unit', unitId: 'county' });
  });

  it('climbs no higher than the given top unit (a goal is paced at or below its own unit)', () => {
    expect(resolvePlanCurve(null, '/county/land/', units, '/county/land/')).toEqual({ curve: null, source: 'default', unitId: null });
    expect(resolvePlanCurve(null, '/county/zone/park/', units, '/county/zone/')).toEqual({ curve: spring, source: 'unit', unitId: 'zone' });
    expect(resolvePlanCurve(null, '/county/land/', units, '/county/')).toEqual({ curve: winter, source: 'unit', unitId: 'county' });
  });

  it('falls back to the even pace, skipping invalid curves', () => {
    expect(resolvePlanCurve(null, '/other/', units)).toEqual({ curve: null, source: 'default', unitId: null });
    expect(resolvePlanCurve([1, 2, 3], '/county/zone/', units).unitId).toBe('zone');
    expect(resolvePlanCurve(null, '/x/', new Map([['x', [...EVEN_CURVE.slice(0, 11), 9000]]])).source).toBe('default');
  });
});

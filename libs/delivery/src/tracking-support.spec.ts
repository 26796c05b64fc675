import { barChart } from './dashboard-chart';
import { trackingStatus } from './dashboard.service';
import { parseStep, stepJobId, stepKey } from './milestone-tracking';
import { addDays, daysBetween, shanghaiToday, StartedClock } from './tracking-support';

describe('milestone tracking helpers', () => {
  it('counts calendar days across month and year ends', () => {
    expect(addDays('2026-06-10', -7)).toBe('2026-06-03');
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(daysBetween('2026-06-10', '2026-06-19')).toBe(9);
  });

  it('takes "today" in Shanghai, not UTC', () => {
    expect(shanghaiToday(new Date('2026-06-10T16:30:00Z'))).toBe('2026-06-11');
    expect(shanghaiToday(new Date('2026-06-10T15:59:00Z'))).toBe('2026-06-10');
  });

  it('keys a step by kind and due date, and reads the key back', () => {
    const key = stepKey('overdue', '2026-06-10');
    expect(key).toBe('overdue@2026-06-10');
    expect(key.length).toBeLessThanOrEqual(24); // milestone_step.step is varchar(24)
    expect(stepKey('escalation', '2026-06-10').length).toBeLessThanOrEqual(24);
    expect(parseStep(key)).toEqual({ kind: 'overdue', dueOn: '2026-06-10' });
    expect(parseStep('overdue')).toBeUndefined();
    expect(parseStep('drop@2026-06-10')).toBeUndefined();
    expect(stepJobId(7, key)).toBe('milestone-7-overdue-2026-06-10');
    expect(stepJobId(7, key)).not.toContain(':');
  });

  it('starts a clock at a given instant and lets it run', () => {
    const c = new StartedClock(new Date('2026-06-11T02:00:00Z'));
    const d = c.now().getTime() - Date.parse('2026-06-11T02:00:00Z');
    expect(d).toBeGreaterThanOrEqual(0);
    expect(d).toBeLessThan(1000);
  });

  it('ranks at risk before overdue before on track', () => {
    expect(trackingStatus('active', 0)).toBe('on_track');
    expect(trackingStatus('active', 2)).toBe('overdue');
    expect(trackingStatus('at_risk', 0)).toBe('at_risk');
    expect(trackingStatus('suspended', 1)).toBe('at_risk');
    expect(trackingStatus('completed', 1)).toBe('completed');
    expect(trackingStatus('terminated', 0)).toBe('stopped');
  });

  it('scales bars to the largest value and keeps zero bars flat', () => {
    const c = barChart([
      { label: '苇湾社区', values: [{ value: 100, text: '100', series: 'a' }] },
      { label: '工福街社区', values: [{ value: 50, text: '50', series: 'a' }] },
      { label: 'none', values: [{ value: 0, text: '0', series: 'a' }] },
    ]);
    const [a, b, z] = c.bars;
    expect(a.h).toBe(2 * b.h);
    expect(z.h).toBe(0);
    expect(a.y + a.h).toBe(c.baseline.y);
    expect(c.labels.map((l) => l.text)).toEqual(['苇湾社区', '工福街社区', 'none']);
  });
});

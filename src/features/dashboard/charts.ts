import type { EChartsOption } from 'echarts';
import type { MessageArgs } from '../../bot/i18n/index.js';
import { HELP_AGES, type HelpAge, type LostFoundMonth, type MemberCounts, type ReportingMonth } from './figures.js';

/** A catalogue lookup in the reader's language: every label on a chart comes from it. */
export type Translate = (key: string, args?: MessageArgs) => string;

const RED = '#c62828';
const GOLD = '#f9a825';
const GREY = '#90a4ae';
const GREEN = '#2e7d32';
const BASE = { backgroundColor: '#ffffff', grid: { left: 48, right: 48, top: 48, bottom: 36, containLabel: true } } satisfies EChartsOption;

/** '2026-11' as the axis shows it: '11月' (or 'Nov'), with the year on January and on the first month. */
export function monthLabel(period: string, index: number, t: Translate): string {
  const [year, month] = period.split('-');
  const label = t('dashboard-month', { month: Number(month) });
  return index === 0 || month === '01' ? `${label}\n${year}` : label;
}

/** 本月报到: monthly reports per month (bars) and the share of members who reported (line, right axis). */
export function reportingChart(trend: ReportingMonth[], t: Translate, title?: string): EChartsOption {
  const rate = trend.map((m) => (m.members === 0 ? 0 : Math.round((m.reported / m.members) * 1000) / 10));
  return {
    ...BASE,
    ...(title ? { title: { text: title, left: 'center', textStyle: { fontSize: 16 } }, grid: { ...BASE.grid, top: 72 } } : {}),
    legend: { top: title ? 32 : 4, data: [t('dashboard-series-reported'), t('dashboard-series-rate')] },
    xAxis: { type: 'category', data: trend.map((m, i) => monthLabel(m.period, i, t)), axisLabel: { interval: 0, fontSize: 11 } },
    yAxis: [{ type: 'value', minInterval: 1, name: t('dashboard-axis-people') }, { type: 'value', min: 0, max: 100, name: '%' }],
    series: [
      { type: 'bar', name: t('dashboard-series-reported'), data: trend.map((m) => m.reported), itemStyle: { color: RED }, label: { show: true, position: 'top' } },
      { type: 'line', name: t('dashboard-series-rate'), yAxisIndex: 1, data: rate, itemStyle: { color: GOLD }, lineStyle: { color: GOLD } },
    ],
  };
}

/** 失联 and 找回 per month. */
export function lostFoundChart(months: LostFoundMonth[], t: Translate): EChartsOption {
  return {
    ...BASE,
    legend: { top: 4, data: [t('dashboard-series-lost'), t('dashboard-series-found')] },
    xAxis: { type: 'category', data: months.map((m, i) => monthLabel(m.period, i, t)), axisLabel: { interval: 0, fontSize: 11 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { type: 'line', name: t('dashboard-series-lost'), data: months.map((m) => m.lost), itemStyle: { color: RED }, lineStyle: { color: RED } },
      { type: 'line', name: t('dashboard-series-found'), data: months.map((m) => m.found), itemStyle: { color: GREEN }, lineStyle: { color: GREEN } },
    ],
  };
}

/** Members not reported this month, by liaison: one bar each, the longest on top. */
export function overdueChart(rows: { name: string; count: number }[], t: Translate): EChartsOption {
  const shown = [...rows].reverse();
  return {
    ...BASE,
    grid: { ...BASE.grid, top: 16 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: shown.map((r) => r.name) },
    series: [{ type: 'bar', name: t('dashboard-series-overdue'), data: shown.map((r) => r.count), itemStyle: { color: RED }, label: { show: true, position: 'right' } }],
  };
}

/** Open help requests by category, stacked by how long they have waited. */
export function helpChart(rows: { category: string; age: HelpAge; count: number }[], t: Translate): EChartsOption {
  const categories = [...new Set(rows.map((r) => r.category))];
  const colours: Record<HelpAge, string> = { days2: '#ffcdd2', week: '#ef9a9a', month: '#e53935', older: '#7f0000' };
  return {
    ...BASE,
    legend: { top: 4, data: HELP_AGES.map((a) => t('dashboard-help-age', { age: a })) },
    xAxis: { type: 'category', data: categories.map((c) => t('stats-help-category', { category: c })), axisLabel: { interval: 0, rotate: categories.length > 4 ? 30 : 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: HELP_AGES.map((age) => ({
      type: 'bar' as const, stack: 'age', name: t('dashboard-help-age', { age }), itemStyle: { color: colours[age] },
      data: categories.map((c) => rows.find((r) => r.category === c && r.age === age)?.count ?? 0),
    })),
  };
}

/** Who the members are: mobile, laid off, lost contact, the rest at home. */
export function membersChart(c: MemberCounts, t: Translate): EChartsOption {
  const rest = Math.max(0, c.members - c.mobile - c.laidOff - c.lost);
  const parts: [string, number, string][] = [['mobile', c.mobile, RED], ['laid_off', c.laidOff, GOLD], ['lost_contact', c.lost, '#4e342e'], ['other', rest, GREY]];
  return {
    backgroundColor: '#ffffff',
    legend: { bottom: 0 },
    series: [{
      type: 'pie', radius: ['40%', '68%'], center: ['50%', '45%'], name: t('dashboard-members-title'),
      label: { formatter: '{b}\n{c}' },
      data: parts.map(([status, value, color]) => ({ name: t('dashboard-member-kind', { kind: status }), value, itemStyle: { color } })),
    }],
  };
}

/**
 * The map's colour scale and regions: `names` are the map's own region names, in the order of `values`; a
 * province with members is labelled with its name in the reader's language (`labels`) and its count, since a
 * phone has no hover.
 */
export function provinceMapChart(names: string[], values: number[], t: Translate, labels: string[] = names): EChartsOption {
  const max = Math.max(1, ...values);
  return {
    backgroundColor: '#ffffff',
    visualMap: { min: 0, max, left: 8, bottom: 8, text: [String(max), '0'], inRange: { color: ['#fff3e0', '#ff8a65', '#b71c1c'] }, calculable: false },
    series: [{
      type: 'map', map: 'china', name: t('dashboard-map-title'), roam: false, selectedMode: false,
      itemStyle: { borderColor: '#9e9e9e', areaColor: '#f5f5f5' },
      data: names.map((name, i) => {
        const value = values[i] ?? 0;
        const text = `${(labels[i] ?? name).replace(/[{}]/g, '')} ${value}`;
        return { name, value, label: { show: value > 0, formatter: text, fontSize: 11, color: '#212121', textBorderColor: '#ffffff', textBorderWidth: 2 } };
      }),
    }],
  };
}

/**
 * A report's bar chart (recharts). The chart is a picture of the table beside it: it is hidden from screen
 * readers (`aria-hidden`, no keyboard layer) and its figure caption names what it draws; the numbers are read
 * from the table. Suppressed values are gaps, never zeros.
 */
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ChartData } from './table-model.ts';
import { formatValue } from './table-model.ts';

/** Okabe–Ito colours: told apart by people with colour-vision deficiency, each 3:1 against white or close. */
export const SERIES_COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#7A6A00', '#56B4E9', '#4D4D4D', '#E69F00'];

export function ReportChart({ data, caption }: { data: ChartData; caption: string }) {
  const unit = data.measure.unit;
  // Horizontal bars: category names (municipalities, schools, subjects) read in full along the axis.
  const bar = Math.max(1, data.series.length) * 14 + 10;
  const height = Math.max(140, data.points.length * bar + (data.series.length > 1 ? 90 : 50));
  return (
    <figure className="r-chart">
      <figcaption>
        {caption}
        {data.truncated ? ' (на диаграмме — первые значения, все они в таблице)' : ''}
      </figcaption>
      <div aria-hidden="true" className="r-chart-canvas">
        <ResponsiveContainer width="100%" height={height}>
          <BarChart
            data={data.points}
            layout="vertical"
            accessibilityLayer={false}
            margin={{ top: 4, right: 16, bottom: 4, left: 4 }}
          >
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" tickFormatter={(value: number) => formatValue(value, unit)} />
            <YAxis type="category" dataKey="category" width={150} interval={0} tick={{ fontSize: 12 }} />
            <Tooltip formatter={(value) => formatValue(typeof value === 'number' ? value : null, unit)} />
            {data.series.length > 1 && <Legend />}
            {data.series.map((series, index) => (
              <Bar
                key={series.key}
                dataKey={series.key}
                name={series.label}
                fill={SERIES_COLOURS[index % SERIES_COLOURS.length]}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

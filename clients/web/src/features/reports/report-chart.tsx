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

export function ReportChart({ data, caption, height = 320 }: { data: ChartData; caption: string; height?: number }) {
  const unit = data.measure.unit;
  return (
    <figure className="r-chart">
      <figcaption>
        {caption}
        {data.truncated ? ' (на диаграмме — первые значения, все они в таблице)' : ''}
      </figcaption>
      <div aria-hidden="true" className="r-chart-canvas">
        <ResponsiveContainer width="100%" height={height}>
          <BarChart data={data.points} accessibilityLayer={false} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis
              dataKey="category"
              interval={0}
              angle={data.points.length > 6 ? -30 : 0}
              textAnchor="end"
              height={70}
            />
            <YAxis tickFormatter={(value: number) => formatValue(value, unit)} width={70} />
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

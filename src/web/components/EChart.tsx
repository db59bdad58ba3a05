import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { init, use, type ECharts } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only what the cockpit draws is bundled.
use([BarChart, PieChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

/**
 * The one ECharts wrapper: draws an option built by a pure function, follows its box's size
 * (tablet rotation, side menu), and opens a data item's `link` when it is clicked.
 */
export function EChart({ option, height = 280, onLink, label }: { option: Record<string, unknown>; height?: number; onLink?: (link: string) => void; label: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const linkRef = useRef(onLink);
  linkRef.current = onLink;

  useEffect(() => {
    const el = box.current!;
    const c = init(el, undefined, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (p) => {
      const link = (p.data as { link?: string } | undefined)?.link;
      if (link) linkRef.current?.(link);
    });
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);

  return <div ref={box} role="img" aria-label={label} style={{ width: '100%', height, cursor: onLink ? 'pointer' : undefined }} />;
}

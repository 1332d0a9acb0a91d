import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use, type EChartsCoreOption, type EChartsType } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useReducedMotion } from '../app/reduced-motion';

use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** An ECharts chart that follows its container's width (phones included). */
export function Chart(props: {
  option: EChartsCoreOption;
  height?: number;
  label: string;
  onClick?: (name: string) => void;
}) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const onClick = useRef(props.onClick);
  onClick.current = props.onClick;
  useEffect(() => {
    if (!element.current) return;
    const instance = init(element.current);
    chart.current = instance;
    instance.on('click', (params) => onClick.current?.(String((params as { name?: string }).name ?? '')));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);
  const reducedMotion = useReducedMotion();
  useEffect(() => {
    chart.current?.setOption({ ...props.option, animation: !reducedMotion }, true);
  }, [props.option, reducedMotion]);
  return (
    <div
      ref={element}
      role="img"
      aria-label={props.label}
      style={{ width: '100%', height: props.height ?? 320 }}
    />
  );
}

import { describe, expect, it } from 'vitest';
import { fitFrame, labelPoint, ringsToPath } from './map-projection.js';

describe('projecting positions onto the offline map', () => {
  const botkyrka: [number, number][] = [
    [17.7, 59.1],
    [17.95, 59.1],
    [17.95, 59.28],
    [17.7, 59.28],
  ];

  it('keeps every position inside the view box, padding included', () => {
    const frame = fitFrame(botkyrka, { width: 600, padding: 20 });
    for (const p of botkyrka) {
      const [x, y] = frame.project(p);
      expect(x).toBeGreaterThanOrEqual(20 - 0.1);
      expect(x).toBeLessThanOrEqual(580 + 0.1);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(frame.height);
    }
  });

  it('puts north up and east right', () => {
    const frame = fitFrame(botkyrka);
    const [westX] = frame.project([17.7, 59.2]);
    const [eastX] = frame.project([17.95, 59.2]);
    const [, northY] = frame.project([17.8, 59.28]);
    const [, southY] = frame.project([17.8, 59.1]);
    expect(eastX).toBeGreaterThan(westX);
    expect(northY).toBeLessThan(southY);
  });

  it('shrinks east–west degrees by the cosine of the latitude, so shapes keep their proportions', () => {
    // One degree of longitude at 60° N is half a degree of latitude long.
    const frame = fitFrame([
      [16, 60],
      [17, 60.5],
    ]);
    const [x0, y0] = frame.project([16, 60]);
    const [x1, y1] = frame.project([17, 60.5]);
    expect(Math.abs(x1 - x0) / Math.abs(y1 - y0)).toBeCloseTo(1, 1);
  });

  it('centres a single site instead of dividing by zero', () => {
    const frame = fitFrame([[16.59, 59.6]], { width: 600 });
    const [x, y] = frame.project([16.59, 59.6]);
    expect(x).toBeCloseTo(300, 0);
    expect(y).toBeCloseTo(frame.height / 2, 0);
  });

  it('writes closed SVG paths and skips degenerate rings', () => {
    const frame = fitFrame(botkyrka);
    const path = ringsToPath([botkyrka, [[17.8, 59.2]]], frame.project);
    expect(path.startsWith('M')).toBe(true);
    expect(path.match(/Z/g)).toHaveLength(1);
    expect(path.match(/L/g)).toHaveLength(3);
  });

  it('labels an outline at the middle of its corners, counting a closing corner once', () => {
    const [lon, lat] = labelPoint([[...botkyrka, botkyrka[0] as [number, number]]]) ?? [0, 0];
    expect(lon).toBeCloseTo(17.825, 6);
    expect(lat).toBeCloseTo(59.19, 6);
    expect(labelPoint([])).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { allIds, findNode, nodeDomId, pathTo, strategyNodeHref } from './strategy-tree.js';

interface Node {
  id: string;
  children: Node[];
}
const leaf = (id: string): Node => ({ id, children: [] });
const trees: Node[] = [
  { id: 's', children: [{ id: 's/a', children: [leaf('s/a/1'), leaf('s/a/2')] }, leaf('s/b')] },
  leaf('t'),
];

describe('strategy trees', () => {
  it('finds nothing for an unknown id', () => {
    expect(findNode(trees, 'x')).toBeUndefined();
    expect(pathTo(trees, 'x')).toEqual([]);
  });

  it('finds a node and the path down to it', () => {
    expect(findNode(trees, 's/a/2')?.id).toBe('s/a/2');
    expect(pathTo(trees, 's/a/2')).toEqual(['s', 's/a', 's/a/2']);
    expect(pathTo(trees, 't')).toEqual(['t']);
  });

  it('lists every id for "open all"', () => {
    expect(allIds(trees)).toEqual(['s', 's/a', 's/a/1', 's/a/2', 's/b', 't']);
  });

  it('makes links and DOM ids that survive the slashes', () => {
    expect(strategyNodeHref('vastmanland-2030/delmal-10')).toBe('/strategier?nod=vastmanland-2030%2Fdelmal-10');
    expect(nodeDomId('vastmanland-2030/delmal-10')).toBe('nod-vastmanland-2030_delmal-10');
  });
});

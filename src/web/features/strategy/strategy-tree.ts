import { paths } from '../../lib/routes.js';

/** Walking the strategy trees. Pure, so it runs in unit tests. */
export interface TreeNode<T> {
  id: string;
  children: T[];
}

export function findNode<T extends TreeNode<T>>(trees: readonly T[], id: string): T | undefined {
  for (const node of trees) {
    if (node.id === id) return node;
    const found = findNode(node.children, id);
    if (found) return found;
  }
  return undefined;
}

/** The ids from the root down to the node, the node included; empty when it is not there. */
export function pathTo<T extends TreeNode<T>>(trees: readonly T[], id: string): string[] {
  for (const node of trees) {
    if (node.id === id) return [id];
    const below = pathTo(node.children, id);
    if (below.length > 0) return [node.id, ...below];
  }
  return [];
}

/** Every id in the trees: what "open all" opens. */
export function allIds<T extends TreeNode<T>>(trees: readonly T[]): string[] {
  return trees.flatMap((node) => [node.id, ...allIds(node.children)]);
}

/** The strategies page opened at one node. */
export function strategyNodeHref(id: string): string {
  return `${paths.strategies}?nod=${encodeURIComponent(id)}`;
}

/** A DOM id for a node (ids contain slashes). */
export function nodeDomId(id: string): string {
  return `nod-${id.replace(/[^a-zA-Z0-9-]/g, '_')}`;
}

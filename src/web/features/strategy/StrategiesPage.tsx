import { useEffect, useRef, useState } from 'react';
import type { StrategyNodeResponse } from '../../../contracts/catalogue.js';
import { LocalisedText } from '../../components/LocalisedText.js';
import { LoadError, Loading } from '../../components/Status.js';
import { useI18n } from '../../i18n/i18n.js';
import { labelOf } from '../../i18n/language.js';
import type { ListResponse } from '../../lib/api.js';
import { useApi } from '../../lib/use-api.js';
import { useDocumentTitle } from '../../lib/use-document-title.js';
import { allIds, nodeDomId, pathTo } from './strategy-tree.js';

/**
 * The strategies as nested disclosure lists: each node with content is a button with
 * `aria-expanded` that shows its text and children. `?nod=ID` opens the tree at that node.
 */
export function StrategiesPage({ search }: { search: string }) {
  const { t } = useI18n();
  useDocumentTitle(t.strategies.title);
  const trees = useApi<ListResponse<StrategyNodeResponse>>('/api/strategies?limit=100');
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const target = new URLSearchParams(search).get('nod');
  const opened = useRef<string | null>(null);

  useEffect(() => {
    if (trees.state !== 'ok' || !target || opened.current === target) return;
    opened.current = target;
    const path = pathTo(trees.data.items, target);
    if (path.length === 0) return;
    setOpen((current) => new Set([...current, ...path]));
    // After the opened nodes render, bring the target into view and give it focus.
    requestAnimationFrame(() => document.getElementById(nodeDomId(target))?.focus());
  }, [trees, target]);

  const toggle = (id: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <>
      <h1>{t.strategies.title}</h1>
      <p className="lead">{t.strategies.lead}</p>
      {trees.state === 'loading' && <Loading />}
      {trees.state === 'error' && <LoadError error={trees.error} onRetry={trees.reload} />}
      {trees.state === 'ok' && (
        <>
          <div className="actions">
            <button
              type="button"
              className="button button--secondary"
              onClick={() => setOpen(new Set(allIds(trees.data.items)))}
            >
              {t.strategies.expandAll}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setOpen(new Set())}>
              {t.strategies.collapseAll}
            </button>
          </div>
          <ul className="tree tree--root">
            {trees.data.items.map((node) => (
              <StrategyNode key={node.id} node={node} depth={0} open={open} toggle={toggle} />
            ))}
          </ul>
        </>
      )}
    </>
  );
}

interface NodeProps {
  node: StrategyNodeResponse;
  depth: number;
  open: ReadonlySet<string>;
  toggle: (id: string) => void;
}

function StrategyNode({ node, depth, open, toggle }: NodeProps) {
  const { t, language } = useI18n();
  const domId = nodeDomId(node.id);
  const hasContent = node.children.length > 0 || Boolean(node.text) || Boolean(node.period.from);
  const isOpen = open.has(node.id);
  const label = (
    <>
      <span className="tree__kind">{labelOf(t.labels.strategyKinds, node.kind)}</span>
      <span className="tree__title">
        <LocalisedText value={node.title} />
      </span>
      {node.status && <span className="tag">{labelOf(t.labels.strategyStatuses, node.status)}</span>}
    </>
  );
  const control = hasContent ? (
    <button
      type="button"
      id={domId}
      className="disclosure"
      aria-expanded={isOpen}
      aria-controls={`${domId}-content`}
      onClick={() => toggle(node.id)}
    >
      {label}
    </button>
  ) : (
    <p id={domId} className="tree__leaf" tabIndex={-1}>
      {label}
    </p>
  );

  return (
    <li className="tree__node">
      {depth === 0 ? <h2 className="tree__heading">{control}</h2> : control}
      {hasContent && (
        <div id={`${domId}-content`} className="tree__content" hidden={!isOpen}>
          {node.period.from && (
            <p className="tree__meta">
              {t.strategies.period}:{' '}
              {node.period.to ? `${node.period.from}–${node.period.to}` : t.strategies.from(node.period.from)}
            </p>
          )}
          {node.text && (
            <p className="prose" lang={language === 'sv' ? undefined : 'sv'}>
              {node.text}
            </p>
          )}
          {node.children.length > 0 && (
            <ul className="tree">
              {node.children.map((child) => (
                <StrategyNode key={child.id} node={child} depth={depth + 1} open={open} toggle={toggle} />
              ))}
            </ul>
          )}
        </div>
      )}
    </li>
  );
}

import { lazy, Suspense } from 'react';

import { Layout } from './components/layout.tsx';
import { Empty, Loading } from './components/states.tsx';
import { useRoute } from './lib/state/router.ts';
import { ProposalsPage } from './pages/proposals-page.tsx';

// The proposals list is the landing page; every other page loads on first visit (first-load JS stays small).
const ProposalPage = lazy(() => import('./pages/proposal-page.tsx').then((m) => ({ default: m.ProposalPage })));
const NominationsPage = lazy(() =>
  import('./pages/nominations-page.tsx').then((m) => ({ default: m.NominationsPage })),
);
const RegistryPage = lazy(() => import('./pages/registry-page.tsx').then((m) => ({ default: m.RegistryPage })));
const WorkersPage = lazy(() => import('./pages/workers-page.tsx').then((m) => ({ default: m.WorkersPage })));
const LlmPage = lazy(() => import('./pages/llm-page.tsx').then((m) => ({ default: m.LlmPage })));
const PlaygroundPage = lazy(() => import('./pages/playground-page.tsx').then((m) => ({ default: m.PlaygroundPage })));

function Page({ segments, query }: { segments: string[]; query: URLSearchParams }) {
  const [page = 'proposals', id] = segments;
  switch (page) {
    case 'proposals':
      return id !== undefined && /^\d+$/.test(id) ? <ProposalPage id={BigInt(id)} /> : <ProposalsPage query={query} />;
    case 'nominations':
      return <NominationsPage focus={id !== undefined && /^\d+$/.test(id) ? BigInt(id) : undefined} />;
    case 'registry':
      return <RegistryPage />;
    case 'workers':
      return <WorkersPage />;
    case 'llm':
      return <LlmPage />;
    case 'playground':
      return <PlaygroundPage query={query} />;
    default:
      return <Empty>No page here. Choose one above.</Empty>;
  }
}

export function App() {
  const { segments, query } = useRoute();
  return (
    <Layout current={segments[0] ?? 'proposals'}>
      <Suspense fallback={<Loading />}>
        <Page segments={segments} query={query} />
      </Suspense>
    </Layout>
  );
}

// GET /docs on the mock: the index, one page per API (its document rendered
// with try-it pointed at this same mock) and Swagger UI's assets.
import type { IncomingMessage } from 'node:http';
import type { MockApi } from '../operations.js';
import { problem, type MockReply } from '../responses.js';
import { ASSETS, readAsset } from './assets.js';
import { apiPage, indexPage, pageFileName } from './pages.js';
import { referenceDocument } from './reference.js';

const html = (body: string): MockReply => ({ status: 200, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' }, body });

export function createDocsSite(apis: MockApi[]) {
  return async (path: string, req: IncomingMessage): Promise<MockReply> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return problem(405, 'Method not allowed', 'the reference is read with GET');
    // Relative links need the trailing slash.
    if (path === '/docs') return { status: 302, headers: { location: '/docs/' }, body: '' };
    const file = path.slice('/docs/'.length);
    if (file === '' || file === 'index.html') return html(indexPage(apis));
    const api = apis.find((a) => pageFileName(a.name) === file);
    if (api) return html(apiPage(api.name, referenceDocument(api, `http://${req.headers.host ?? '127.0.0.1'}`)));
    const asset = file.startsWith('assets/') ? readAsset(file.slice('assets/'.length)) : undefined;
    if (asset) return { status: 200, headers: { 'content-type': ASSETS[file.slice('assets/'.length)]!, 'cache-control': 'max-age=3600' }, body: await asset };
    return problem(404, 'No such reference page', `${path} is not part of the reference; start at /docs/`);
  };
}

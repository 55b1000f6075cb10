// Chain step 7 (issue #4): the deal graph, composed from the domains' public surfaces.
export { linkRoutes } from './routes.ts';
export { buildDealLinks, LINK_ROOTS, type DealLinks, type LinkRoot } from './build-links.ts';

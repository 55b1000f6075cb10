import { pageSchema } from '../../shared/http/pagination.ts';
import type { App, RoutePlugin } from '../../shared/http/route-types.ts';
import { requireExpectedVersion, setEtag } from '../../shared/http/versioning.ts';
import { deletedResponse, idParams, READ_ROLES, sendCreated, tags, WRITE_ROLES } from '../contacts/route-kit.ts';
import { createCampaign } from './create-campaign.ts';
import { deleteCampaign } from './delete-campaign.ts';
import { getCampaign } from './get-campaign.ts';
import { listCampaigns } from './list-campaigns.ts';
import { registerMemberRoutes } from './routes-members.ts';
import { campaignSchema, createCampaignSchema, listCampaignsQuerySchema, updateCampaignBodySchema } from './schema.ts';
import { updateCampaign } from './update-campaign.ts';

function registerCampaignReads(app: App): void {
  app.get(
    '/campaigns',
    { config: { access: READ_ROLES }, schema: { tags, summary: 'List campaigns (keyset pages)', querystring: listCampaignsQuerySchema, response: { 200: pageSchema(campaignSchema) } } },
    async (request) => listCampaigns(request.ctx, request.query),
  );
  app.get(
    '/campaigns/:id',
    { config: { access: READ_ROLES }, schema: { tags, summary: 'Get a campaign; the ETag is its version', params: idParams, response: { 200: campaignSchema } } },
    async (request, reply) => {
      const campaign = await getCampaign(request.ctx, request.params.id);
      setEtag(reply, campaign.version);
      return campaign;
    },
  );
}

function registerCampaignWrites(app: App): void {
  app.post(
    '/campaigns',
    { config: { access: WRITE_ROLES }, schema: { tags, summary: 'Create a campaign (accepts Idempotency-Key)', body: createCampaignSchema, response: { 201: campaignSchema } } },
    async (request, reply) => sendCreated(request, reply, await createCampaign(request.ctx, request.body)),
  );
  app.patch(
    '/campaigns/:id',
    { config: { access: WRITE_ROLES }, schema: { tags, summary: 'Update a campaign; needs If-Match or "version"', params: idParams, body: updateCampaignBodySchema, response: { 200: campaignSchema } } },
    async (request, reply) => {
      const { version, ...changes } = request.body;
      const campaign = await updateCampaign(request.ctx, { id: request.params.id, expectedVersion: requireExpectedVersion(request, version), changes });
      setEtag(reply, campaign.version);
      return campaign;
    },
  );
  app.delete(
    '/campaigns/:id',
    { config: { access: WRITE_ROLES }, schema: { tags, summary: 'Soft-delete a campaign; needs If-Match', params: idParams, response: deletedResponse } },
    async (request, reply) => {
      await deleteCampaign(request.ctx, { id: request.params.id, expectedVersion: requireExpectedVersion(request) });
      return reply.status(204).send(null);
    },
  );
}

export const campaignRoutes: RoutePlugin = (app) => {
  registerCampaignReads(app);
  registerCampaignWrites(app);
  registerMemberRoutes(app);
};

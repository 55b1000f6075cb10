import { pageSchema } from '../../shared/http/pagination.ts';
import type { App } from '../../shared/http/route-types.ts';
import { requireExpectedVersion, setEtag } from '../../shared/http/versioning.ts';
import { deletedResponse, idParams, READ_ROLES, tags, WRITE_ROLES } from '../contacts/route-kit.ts';
import { addCampaignMember } from './add-member.ts';
import { listCampaignMembers } from './list-members.ts';
import { addMemberSchema, listMembersQuerySchema, memberParams, memberSchema, updateMemberBodySchema } from './members-schema.ts';
import { removeCampaignMember } from './remove-member.ts';
import { updateCampaignMember } from './update-member.ts';

export function registerMemberRoutes(app: App): void {
  app.get(
    '/campaigns/:id/members',
    { config: { access: READ_ROLES }, schema: { tags, summary: 'List campaign members, newest first', params: idParams, querystring: listMembersQuerySchema, response: { 200: pageSchema(memberSchema) } } },
    async (request) => listCampaignMembers(request.ctx, { ...request.query, campaignId: request.params.id }),
  );
  app.post(
    '/campaigns/:id/members',
    { config: { access: WRITE_ROLES }, schema: { tags, summary: 'Add a lead or contact; 409 if already a member', params: idParams, body: addMemberSchema, response: { 201: memberSchema } } },
    async (request, reply) => {
      const member = await addCampaignMember(request.ctx, { campaignId: request.params.id, input: request.body });
      setEtag(reply, member.version);
      return reply.status(201).header('location', `${request.url.split('?')[0]}/${member.memberId}`).send(member);
    },
  );
  app.patch(
    '/campaigns/:id/members/:memberId',
    { config: { access: WRITE_ROLES }, schema: { tags, summary: 'Change a member status; needs If-Match or "version"', params: memberParams, body: updateMemberBodySchema, response: { 200: memberSchema } } },
    async (request, reply) => {
      const { version, ...changes } = request.body;
      const expectedVersion = requireExpectedVersion(request, version);
      const member = await updateCampaignMember(request.ctx, { campaignId: request.params.id, memberId: request.params.memberId, expectedVersion, changes });
      setEtag(reply, member.version);
      return member;
    },
  );
  app.delete(
    '/campaigns/:id/members/:memberId',
    { config: { access: WRITE_ROLES }, schema: { tags, summary: 'Remove a member; needs If-Match', params: memberParams, response: deletedResponse } },
    async (request, reply) => {
      await removeCampaignMember(request.ctx, { campaignId: request.params.id, memberId: request.params.memberId, expectedVersion: requireExpectedVersion(request) });
      return reply.status(204).send(null);
    },
  );
}

import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App } from '../shared/http/route-types.ts';
import { requireExpectedVersion, setEtag } from '../shared/http/versioning.ts';
import { createApprovalRule, listApprovalRules, updateApprovalRule } from './approval-rules.ts';
import { evaluateRule } from './evaluate-rule.ts';
import { createProductRule, listProductRules, updateProductRule } from './product-rules.ts';
import { idParams, RULE_ADMIN_ROLES as access, ruleTags as tags } from './route-kit.ts';
import {
  approvalRuleSchema, createApprovalRuleSchema, createProductRuleSchema, createValidationRuleSchema, evaluateRuleBodySchema, listRulesQuerySchema,
  productRuleSchema, ruleEvaluationSchema, updateApprovalRuleBodySchema, updateProductRuleBodySchema, updateValidationRuleBodySchema, validationRuleSchema,
} from './rule-schema.ts';
import { createValidationRule, listValidationRules, updateValidationRule } from './validation-rules.ts';

const listOf = (record: z.ZodType) => ({ 200: z.object({ data: z.array(record) }) });

function created<T extends { id: string; version: number }>(request: FastifyRequest, reply: FastifyReply, rule: T) {
  setEtag(reply, rule.version);
  return reply.status(201).header('location', `${request.url.split('?')[0]}/${rule.id}`).send(rule);
}

function registerApprovalRuleRoutes(app: App): void {
  app.get('/approval-rules', { config: { access }, schema: { tags, summary: 'List approval rules by level', querystring: listRulesQuerySchema, response: listOf(approvalRuleSchema) } },
    async (request) => ({ data: await listApprovalRules(request.ctx, request.query) }));
  app.post('/approval-rules', { config: { access }, schema: { tags, summary: 'Create an approval rule', body: createApprovalRuleSchema, response: { 201: approvalRuleSchema } } },
    async (request, reply) => created(request, reply, await createApprovalRule(request.ctx, request.body)));
  app.patch('/approval-rules/:id', { config: { access }, schema: { tags, summary: 'Change an approval rule; needs If-Match or "version"', params: idParams, body: updateApprovalRuleBodySchema, response: { 200: approvalRuleSchema } } },
    async (request, reply) => {
      const { version, ...changes } = request.body;
      const rule = await updateApprovalRule(request.ctx, { id: request.params.id, expectedVersion: requireExpectedVersion(request, version), changes });
      setEtag(reply, rule.version);
      return rule;
    });
}

function registerValidationRuleRoutes(app: App): void {
  app.get('/validation-rules', { config: { access }, schema: { tags, summary: 'List validation rules', querystring: listRulesQuerySchema, response: listOf(validationRuleSchema) } },
    async (request) => ({ data: await listValidationRules(request.ctx, request.query) }));
  app.post('/validation-rules', { config: { access }, schema: { tags, summary: 'Create a validation rule of a known kind', body: createValidationRuleSchema, response: { 201: validationRuleSchema } } },
    async (request, reply) => created(request, reply, await createValidationRule(request.ctx, request.body)));
  app.patch('/validation-rules/:id', { config: { access }, schema: { tags, summary: 'Change name, active or params; needs If-Match or "version"', params: idParams, body: updateValidationRuleBodySchema, response: { 200: validationRuleSchema } } },
    async (request, reply) => {
      const { version, ...changes } = request.body;
      const rule = await updateValidationRule(request.ctx, { id: request.params.id, expectedVersion: requireExpectedVersion(request, version), changes });
      setEtag(reply, rule.version);
      return rule;
    });
}

function registerProductRuleRoutes(app: App): void {
  app.get('/product-rules', { config: { access }, schema: { tags, summary: 'List configuration rules', querystring: listRulesQuerySchema, response: listOf(productRuleSchema) } },
    async (request) => ({ data: await listProductRules(request.ctx, request.query) }));
  app.post('/product-rules', { config: { access }, schema: { tags, summary: 'Create a configuration rule', body: createProductRuleSchema, response: { 201: productRuleSchema } } },
    async (request, reply) => created(request, reply, await createProductRule(request.ctx, request.body)));
  app.patch('/product-rules/:id', { config: { access }, schema: { tags, summary: 'Change name, active or quantity; needs If-Match or "version"', params: idParams, body: updateProductRuleBodySchema, response: { 200: productRuleSchema } } },
    async (request, reply) => {
      const { version, ...changes } = request.body;
      const rule = await updateProductRule(request.ctx, { id: request.params.id, expectedVersion: requireExpectedVersion(request, version), changes });
      setEtag(reply, rule.version);
      return rule;
    });
}

export function registerRuleRoutes(app: App): void {
  registerApprovalRuleRoutes(app);
  registerValidationRuleRoutes(app);
  registerProductRuleRoutes(app);
  app.post(
    '/rules/:id/evaluate',
    {
      // A read that needs a body: nothing is written, so there is nothing to make idempotent.
      config: { access, idempotent: false },
      schema: { tags, summary: 'Test any rule (approval, validation, product) against a quote: which checks fire, with what values', params: idParams, body: evaluateRuleBodySchema, response: { 200: ruleEvaluationSchema } },
    },
    async (request) => evaluateRule(request.ctx, { ruleId: request.params.id, input: request.body }),
  );
}

import type { FastifyInstance } from 'fastify';
import { editRegistrationCard, type CardInput } from '../../../features/cards/edit.js';
import { CARD_FIELDS } from '../../../features/cards/registration.js';
import { pageContext, type ConsoleDeps } from '../../context.js';
import { loadRecord, recordPage } from './page.js';
import { done, fieldOf, memberIdOf, refuse } from './respond.js';

/** POST /members/:id/card: the registration card's form. A refused card comes back with what was typed and what is wrong. */
export function registerCardEdit(app: FastifyInstance, deps: ConsoleDeps): void {
  app.post('/members/:id/card', async (req, reply) => {
    const ctx = pageContext(req, reply, deps);
    const memberId = memberIdOf(req);
    if (memberId === undefined) return ctx.problem(404, 'console-not-found');
    const body = req.body as Record<string, unknown> | undefined;
    // A field the form did not send is left as it is; a field sent empty is erased.
    const input: CardInput = Object.fromEntries(CARD_FIELDS.filter((f) => body?.[f] !== undefined).map((f) => [f, fieldOf(body, f)]));
    const result = await deps.database.db.transaction((tx) => editRegistrationCard(tx, ctx.staff.personId, memberId, input, ctx.now));
    switch (result.kind) {
      case 'not-found': return refuse(ctx, memberId, [{ key: 'staff-member-not-found' }], 409);
      case 'unchanged': return done(reply, `/members/${memberId}`, ctx.t('console-record-card-unchanged'));
      case 'saved': {
        const fields = result.fields.map((f) => ctx.t('console-record-field', { field: f })).join('、');
        return done(reply, `/members/${memberId}`, ctx.t('console-record-card-saved', { name: result.name, fields }));
      }
      case 'invalid': {
        const data = await loadRecord(ctx, memberId);
        if (!data) return ctx.problem(404, 'console-not-found');
        return recordPage(ctx, data, { status: 400, cardForm: { values: input, problems: result.problems } });
      }
    }
  });
}

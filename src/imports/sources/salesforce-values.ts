/**
 * Salesforce picklist values (standard values of a new org, plus the spellings seen in real
 * exports) → Revline's. Matching is case-insensitive; values not listed fall back as each field
 * says (the stage's defaults, "other", …).
 */
export const SF_OPPORTUNITY_STAGES = {
  Prospecting: 'prospecting', Qualification: 'qualification', 'Needs Analysis': 'discovery', Discovery: 'discovery',
  'Value Proposition': 'discovery', 'Id. Decision Makers': 'discovery', 'Perception Analysis': 'proposal',
  'Proposal/Price Quote': 'proposal', 'Proposal/Quote': 'proposal', Proposal: 'proposal',
  'Negotiation/Review': 'negotiation', Negotiation: 'negotiation', 'Closed Won': 'closed_won', 'Closed Lost': 'closed_lost',
};
export const SF_CLOSED_STAGES = ['Closed Won', 'Closed Lost'];

export const SF_OPPORTUNITY_TYPES = {
  'New Customer': 'new', 'New Business': 'new', 'Existing Customer - Upgrade': 'expansion', 'Existing Customer - Downgrade': 'expansion',
  'Existing Customer - Replacement': 'renewal', Renewal: 'renewal', 'Existing Business': 'expansion',
};

export const SF_FORECAST_CATEGORIES = { Pipeline: 'pipeline', 'Best Case': 'best_case', BestCase: 'best_case', Commit: 'commit', Forecast: 'commit', Closed: 'closed', Omitted: 'omitted' };

/** Lead statuses: "Qualified" is sales-qualified; conversion itself comes from IsConverted. */
export const SF_LEAD_STATUSES = {
  New: 'new', 'Open - Not Contacted': 'new', Working: 'working', 'Working - Contacted': 'working', Nurturing: 'mql',
  Qualified: 'sql', 'Closed - Converted': 'sql', 'Closed - Not Converted': 'disqualified', Unqualified: 'disqualified',
};

export const SF_CAMPAIGN_TYPES = {
  Email: 'email', Event: 'event', Conference: 'event', 'Trade Show': 'event', Webinar: 'webinar', Advertisement: 'advertising',
  'Banner Ads': 'advertising', 'Web Marketing': 'advertising', 'Social Media': 'social', 'Direct Mail': 'direct_mail',
  Partners: 'partner', 'Referral Program': 'referral', 'Public Relations': 'content', Telemarketing: 'other', Other: 'other',
};
export const SF_CAMPAIGN_STATUSES = { Planned: 'planned', 'In Progress': 'active', Completed: 'completed', Aborted: 'aborted' };
export const SF_MEMBER_STATUSES = {
  Planned: 'planned', Sent: 'sent', Received: 'opened', Opened: 'opened', Responded: 'responded', Registered: 'registered',
  Attended: 'attended', 'No Show': 'no_show', Unsubscribed: 'unsubscribed', Bounced: 'bounced',
};

export const SF_CASE_STATUSES = { New: 'open', Open: 'open', Working: 'pending', In_Progress: 'pending', Escalated: 'pending', 'On Hold': 'pending', Closed: 'closed' };
export const SF_CASE_PRIORITIES = { Critical: 'urgent', High: 'high', Medium: 'normal', Low: 'low' };
export const SF_CASE_ORIGINS = { Email: 'email', Phone: 'phone', Web: 'web', Chat: 'chat' };

export const SF_TASK_TYPES = { Task: 'task', Call: 'call', Email: 'email', ListEmail: 'email', Cadence: 'task', LinkedIn: 'task' };

// A campaign as the Reply a recipient gets: the text in their language, the link, and how to stop.
import type { Messages } from '../i18n/messages.js';
import type { Reply } from '../conversation/types.js';
import type { Campaign } from './types.js';

export function campaignReply(campaign: Pick<Campaign, 'text' | 'link'>, locale: 'vi' | 'en', messages: Messages): Reply {
  const text = (locale === 'en' && campaign.text.en) || campaign.text.vi;
  const used = locale === 'en' && campaign.text.en ? 'en' : 'vi';
  return {
    kind: 'system',
    intent: null,
    text: `${text.trim()}\n\n${messages.t(used, 'campaign-footer')}`,
    links: campaign.link ? [campaign.link] : [],
    suggestions: [],
    locale: used,
  };
}

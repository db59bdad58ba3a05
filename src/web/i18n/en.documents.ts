import type { zhDocuments } from './zh.documents.js';

/** English texts of the generated Word documents. */
export const enDocuments: Record<keyof typeof zhDocuments, string> = {
  'documents.minutes.download': 'Download minutes',
  'documents.briefing.open': 'Briefing draft',
  'documents.briefing.title': 'Briefing draft (Word)',
  'documents.briefing.intro': 'Drafts a briefing from the unit’s figures: the situation, what went well, projects to push, open problems and next steps. Edit it afterwards in Word or WPS.',
  'documents.briefing.unit': 'Unit',
  'documents.briefing.date': 'Date',
  'documents.briefing.download': 'Generate and download',
};

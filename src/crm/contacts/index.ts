export { createContact } from './create-contact.ts';
export { getContact, findContact } from './get-contact.ts';
export { updateContact, type UpdateContactRequest } from './update-contact.ts';
export { deleteContact } from './delete-contact.ts';
export { listContacts, type ContactPage } from './list-contacts.ts';
export { contactRoutes } from './routes.ts';
export { CONTACT_SORTS } from './schema.ts';
export type { Contact, ContactFields, ContactSort, CreateContactInput, UpdateContactInput, ListContactsQuery, ContactTables } from './schema.ts';

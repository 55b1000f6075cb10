export { createTicket } from './create-ticket.ts';
export { getTicket, findTicket } from './get-ticket.ts';
export { updateTicket, type UpdateTicketRequest } from './update-ticket.ts';
export { deleteTicket } from './delete-ticket.ts';
export { listTickets, type TicketPage } from './list-tickets.ts';
export { ticketRoutes } from './routes.ts';
export { TICKET_PRIORITIES, TICKET_STATUSES, TICKET_CHANNELS, TICKET_SORTS } from './schema.ts';
export type {
  Ticket, TicketPriority, TicketStatus, TicketChannel, TicketSort, CreateTicketInput, UpdateTicketInput, ListTicketsQuery, TicketTables,
} from './schema.ts';

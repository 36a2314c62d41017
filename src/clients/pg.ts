// Entry point of dist/clients/pg.js, loaded on the first psql command or SQL cell.
export { Client } from 'pg';

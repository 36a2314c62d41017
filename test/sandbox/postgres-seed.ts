// The TikTokToe schema and data the sandbox database starts with. Rows are
// spread over the last ~333 days at fixed steps (no random()), so counts such
// as "rows older than 90 days" are the same on every start.
//   players:      2,000 rows, one every 3 hours
//   games:        6,000 rows, one every 80 minutes (4,380 older than 90 days)
//   game_events: 24,000 rows, four moves per game
export const SEED_SQL = `
CREATE TABLE players (
  id          bigint PRIMARY KEY,
  username    text NOT NULL UNIQUE,
  rating      integer NOT NULL,
  created_at  timestamptz NOT NULL
);
CREATE TABLE games (
  id          bigint PRIMARY KEY,
  player_x    bigint NOT NULL,
  player_o    bigint NOT NULL,
  winner      char(1),
  created_at  timestamptz NOT NULL,
  finished_at timestamptz
);
CREATE TABLE game_events (
  id          bigserial PRIMARY KEY,
  game_id     bigint NOT NULL,
  player_id   bigint NOT NULL,
  kind        text NOT NULL,
  payload     jsonb NOT NULL,
  created_at  timestamptz NOT NULL
);
INSERT INTO players (id, username, rating, created_at)
SELECT i, 'player' || i, 1000 + (i * 37) % 800, now() - i * interval '3 hours'
FROM generate_series(1, 2000) AS i;

INSERT INTO games (id, player_x, player_o, winner, created_at, finished_at)
SELECT i,
       1 + i % 2000,
       1 + (i * 7 + 3) % 2000,
       (ARRAY['X', 'O', NULL])[1 + i % 3],
       now() - i * interval '80 minutes',
       now() - i * interval '80 minutes' + interval '6 minutes'
FROM generate_series(1, 6000) AS i;

INSERT INTO game_events (game_id, player_id, kind, payload, created_at)
SELECT g, CASE WHEN m % 2 = 0 THEN 1 + g % 2000 ELSE 1 + (g * 7 + 3) % 2000 END,
       'move',
       jsonb_build_object('cell', (g + m * 4) % 9, 'mark', CASE WHEN m % 2 = 0 THEN 'X' ELSE 'O' END),
       now() - g * interval '80 minutes' + m * interval '1 minute'
FROM generate_series(1, 6000) AS g, generate_series(0, 3) AS m;

-- Indexes and foreign keys after the rows: one pass each instead of per row.
CREATE INDEX games_created_at_idx ON games (created_at);
CREATE INDEX game_events_created_at_idx ON game_events (created_at);
CREATE INDEX game_events_game_id_idx ON game_events (game_id);
ALTER TABLE games
  ADD FOREIGN KEY (player_x) REFERENCES players (id),
  ADD FOREIGN KEY (player_o) REFERENCES players (id);
ALTER TABLE game_events
  ADD FOREIGN KEY (game_id) REFERENCES games (id),
  ADD FOREIGN KEY (player_id) REFERENCES players (id);
ANALYZE;
`;

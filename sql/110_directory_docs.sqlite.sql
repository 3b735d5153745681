-- FTS5 ranks with the same column weights as dir_search used with bm25():
-- the engine can then do top-N with ORDER BY rank LIMIT.
INSERT INTO dir_service_fts (dir_service_fts, rank) VALUES ('rank', 'bm25(10.0, 2.0, 4.0)');

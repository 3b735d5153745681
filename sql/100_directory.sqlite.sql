-- Full-text search (FTS5, ranked with bm25, prefix queries) and the spatial
-- index (R*Tree over latitude/longitude). The application keeps both in step
-- with every write (src/directory/dir_store.c: dir_index_service).
CREATE VIRTUAL TABLE dir_service_fts USING fts5(
    service_id UNINDEXED, name, description, terms,
    tokenize = 'porter unicode61 remove_diacritics 2', prefix = '2 3'
);
CREATE VIRTUAL TABLE dir_location_rtree USING rtree(id, min_lat, max_lat, min_lng, max_lng);

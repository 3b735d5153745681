-- Place searches read only these columns of the rows they join (a place's
-- position and id by its spatial-index key, the services at a location, a
-- service's key and name): covering indexes answer them without reading
-- the rows themselves.
CREATE INDEX dir_locations_seq_pos ON dir_locations (seq, latitude, longitude, id);
CREATE INDEX dir_sal_location_cover ON dir_service_at_locations (location_id, id, service_id);
CREATE INDEX dir_services_id_name ON dir_services (id, seq, name);
DROP INDEX dir_sal_location;

-- Most customer records belong to guests, with neither a user nor an
-- organisation; indexing those NULLs only costs every guest checkout two
-- index writes. Lookups are always by a given owner.
DROP INDEX customers_user;
DROP INDEX customers_organisation;
CREATE INDEX customers_user ON customers (user_id) WHERE user_id IS NOT NULL;
CREATE INDEX customers_organisation ON customers (organisation_id) WHERE organisation_id IS NOT NULL;

-- Text columns of type CLOB (result metrics, decisions, plug-in and searcher entries, configs) were stored in
-- H2's separate LOB storage whenever longer than 256 bytes, H2's default: a result with a dozen metrics is
-- longer, so each one cost extra map writes beside its row. Values up to 16 KB now stay in their row; longer
-- ones still go to the LOB storage, so no value is limited. The setting is kept in the database and applies to
-- values written from now on.
SET MAX_LENGTH_INPLACE_LOB 16384;

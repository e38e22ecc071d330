-- The tracking book (form 06) of a reception point lists the dossiers it received in a period, in order of reception.
create index dossier_tracking_book on dossier.dossier (tenant_id, reception_point_id, received_at) where received_at is not null;

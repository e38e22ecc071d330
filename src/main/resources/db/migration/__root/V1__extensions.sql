-- Extensions every module may use. btree_gist lets exclusion constraints forbid overlapping validity periods.
create extension if not exists btree_gist;

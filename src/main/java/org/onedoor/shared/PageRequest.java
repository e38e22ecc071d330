package org.onedoor.shared;

/** Which page of a list is asked for; the size is capped so that no request can ask for a whole table. */
public record PageRequest(int page, int size) {

    public PageRequest {
        if (page < 0) throw new InvalidParameter("page", page);
        if (size < 1) throw new InvalidParameter("size", size);
        if (size > ResultPage.MAX_SIZE) throw new PageSizeOverCap(size, ResultPage.MAX_SIZE);
    }

    public static PageRequest of(Integer page, Integer size) {
        return new PageRequest(page == null ? 0 : page, size == null ? ResultPage.DEFAULT_SIZE : size);
    }

    public long offset() {
        return (long) page * size;
    }

    /** A page size larger than the cap every list has. */
    public static final class PageSizeOverCap extends Problem {
        PageSizeOverCap(int asked, int cap) {
            super("page-size-over-cap", Kind.INVALID, asked, cap);
        }
    }
}

package org.onedoor.shared;

import java.util.List;
import java.util.function.Function;

/** One page of a list, in the envelope every list of the API answers with: items, page, size and total. */
public record ResultPage<T>(List<T> items, int page, int size, long total) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;

    public ResultPage {
        items = List.copyOf(items);
    }

    public <R> ResultPage<R> map(Function<? super T, ? extends R> mapper) {
        return new ResultPage<>(items.stream().<R>map(mapper).toList(), page, size, total);
    }
}

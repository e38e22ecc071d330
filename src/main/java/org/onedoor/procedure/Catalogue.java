package org.onedoor.procedure;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.onedoor.shared.PageRequest;
import org.onedoor.shared.Problem;
import org.onedoor.shared.ResultPage;
import org.onedoor.shared.SearchText;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads the national catalogue: search that ignores diacritics, and one procedure with its channels. */
@Service
@Transactional(readOnly = true)
public class Catalogue {

    /** No procedure of the catalogue has this code. */
    public static class UnknownProcedure extends Problem {
        public UnknownProcedure(String code) {
            super("procedure-not-found", Kind.NOT_FOUND, code);
        }
    }

    private final JdbcClient jdbc;

    Catalogue(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public ResultPage<CatalogueEntry> search(@Nullable String text, @Nullable String field, CatalogueEntry.@Nullable Level level,
                                             PageRequest page) {
        var where = new StringBuilder("true");
        var folded = text == null ? "" : SearchText.fold(text);
        if (!folded.isEmpty()) where.append(" and (e.name_folded like :pattern escape '\\' or e.code = :code)");
        if (field != null && !field.isBlank()) where.append(" and e.field = :field");
        if (level != null) where.append(" and :level = any (e.levels)");
        var count = jdbc.sql("select count(*) from procedure.catalogue_entry e where " + where);
        var select = jdbc.sql("select e.* from procedure.catalogue_entry e where " + where
                + " order by (e.code = :code) desc, length(e.name), e.code limit :limit offset :offset");
        for (var statement : List.of(count, select)) {
            statement.param("code", text == null ? "" : text.strip());
            if (!folded.isEmpty()) statement.param("pattern", SearchText.containing(folded));
            if (field != null && !field.isBlank()) statement.param("field", field.strip());
            if (level != null) statement.param("level", level.name());
        }
        var total = count.query(Long.class).single();
        var items = select.param("limit", page.size()).param("offset", page.offset()).query((rs, n) -> entry(rs, List.of())).list();
        return new ResultPage<>(items, page.page(), page.size(), total);
    }

    public CatalogueEntry procedure(String code) {
        var channels = jdbc.sql("select * from procedure.catalogue_channel where code = :c order by channel").param("c", code)
                .query(Catalogue::channel).list();
        return jdbc.sql("select * from procedure.catalogue_entry where code = :c").param("c", code)
                .query((rs, n) -> entry(rs, channels)).optional().orElseThrow(() -> new UnknownProcedure(code));
    }

    public Optional<String> fieldOf(String code) {
        return jdbc.sql("select field from procedure.catalogue_entry where code = :c").param("c", code).query(String.class).optional();
    }

    private static CatalogueEntry entry(ResultSet rs, List<CatalogueEntry.Channel> channels) throws SQLException {
        var levels = Arrays.stream((String[]) rs.getArray("levels").getArray()).map(CatalogueEntry.Level::valueOf).toList();
        return new CatalogueEntry(rs.getString("code"), rs.getString("name"), rs.getString("ministry"), rs.getString("agency"),
                rs.getString("field"), levels, rs.getString("kind"), rs.getString("decision"), rs.getString("applicants"),
                rs.getString("portal_url"), channels);
    }

    private static CatalogueEntry.Channel channel(ResultSet rs, int row) throws SQLException {
        var unit = rs.getString("time_unit");
        var amount = rs.getObject("fee_amount", Long.class);
        return new CatalogueEntry.Channel(CatalogueEntry.Channel.Kind.valueOf(rs.getString("channel")), rs.getObject("time_value", BigDecimal.class),
                unit == null ? null : CatalogueEntry.Channel.TimeUnit.valueOf(unit), rs.getString("time_text"), rs.getBoolean("free"),
                amount, rs.getString("fee_currency"), rs.getString("fee_text"));
    }
}

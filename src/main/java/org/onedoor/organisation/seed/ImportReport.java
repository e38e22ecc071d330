package org.onedoor.organisation.seed;

import java.util.ArrayList;
import java.util.List;

/** What an import did: how many restructurings it recorded or found already recorded, and every row it refused. */
public final class ImportReport {

    /** A source row that could not be taken, with the reason. */
    public record Rejection(String file, long line, String reason) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + reason;
        }
    }

    private final List<Rejection> rejections = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private int recorded;
    private int alreadyRecorded;
    private boolean unchanged;

    void reject(String file, long line, String reason) {
        rejections.add(new Rejection(file, line, reason));
    }

    void note(String text) {
        notes.add(text);
    }

    void counted(boolean newlyRecorded) {
        if (newlyRecorded) recorded++;
        else alreadyRecorded++;
    }

    void markUnchanged() {
        unchanged = true;
    }

    public List<Rejection> rejections() {
        return List.copyOf(rejections);
    }

    /** Facts the import derived rather than read, e.g. successors inferred from snapshot differences. */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    public int recorded() {
        return recorded;
    }

    public int alreadyRecorded() {
        return alreadyRecorded;
    }

    /** True when the sources were imported before with the same content and were not read again. */
    public boolean unchanged() {
        return unchanged;
    }

    public String summary() {
        if (unchanged) return "sources unchanged since the last import; nothing to do";
        return "%d restructurings recorded, %d already on record, %d rows rejected, %d derived facts"
                .formatted(recorded, alreadyRecorded, rejections.size(), notes.size());
    }

    String full() {
        var text = new StringBuilder(summary());
        rejections.forEach(r -> text.append("\nrejected ").append(r));
        notes.forEach(n -> text.append("\nderived  ").append(n));
        return text.toString();
    }
}

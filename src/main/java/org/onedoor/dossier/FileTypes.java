package org.onedoor.dossier;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a file is, judged from its bytes alone — never from its name or the Content-Type a client declared: PDF
 * ({@code %PDF-}), PNG, JPEG, and Word (DOCX) or Excel (XLSX) documents, recognised as a ZIP whose central directory
 * lists {@code [Content_Types].xml} and the document's main part. The ZIP is read from its directory only, nothing is
 * decompressed (no zip bomb), and a document with macros, ActiveX controls or embedded OLE objects is not one of them.
 */
final class FileTypes {

    /** A type an attachment may have. */
    enum Type {
        PDF("application/pdf", "pdf"),
        PNG("image/png", "png"),
        JPEG("image/jpeg", "jpg"),
        DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
        XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");

        final String mediaType;
        final String extension;

        Type(String mediaType, String extension) {
            this.mediaType = mediaType;
            this.extension = extension;
        }
    }

    private static final byte[] PDF = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};
    private static final byte[] ZIP_LOCAL = {'P', 'K', 3, 4};
    private static final int EOCD = 0x06054b50;
    private static final int CENTRAL = 0x02014b50;

    private FileTypes() {
    }

    static Optional<Type> sniff(byte[] content) {
        if (startsWith(content, PDF)) return Optional.of(Type.PDF);
        if (startsWith(content, PNG)) return Optional.of(Type.PNG);
        if (startsWith(content, JPEG)) return Optional.of(Type.JPEG);
        if (startsWith(content, ZIP_LOCAL)) return Optional.ofNullable(office(content));
        return Optional.empty();
    }

    /** DOCX or XLSX when the ZIP's central directory says so; null for any other or any malformed ZIP. */
    static @Nullable Type office(byte[] zip) {
        var names = entryNames(zip);
        if (names == null || !names.contains("[Content_Types].xml")) return null;
        for (var name : names) {
            var lower = name.toLowerCase(Locale.ROOT);
            if (lower.endsWith("vbaproject.bin") || lower.contains("activex/") || lower.contains("embeddings/")) return null;
        }
        var word = names.contains("word/document.xml");
        var excel = names.contains("xl/workbook.xml");
        if (word == excel) return null;
        return word ? Type.DOCX : Type.XLSX;
    }

    /** The names in a ZIP's central directory, or null when it is not a plain (non-ZIP64, unencrypted) archive. */
    static @Nullable List<String> entryNames(byte[] zip) {
        var n = zip.length;
        var end = -1;
        for (var p = n - 22; p >= 0 && p >= n - 22 - 0xffff; p--) {
            if (u32(zip, p) == EOCD) {
                end = p;
                break;
            }
        }
        if (end < 0 || u16(zip, end + 4) != 0 || u16(zip, end + 6) != 0) return null;
        var count = u16(zip, end + 10);
        var size = u32(zip, end + 12) & 0xffffffffL;
        var offset = u32(zip, end + 16) & 0xffffffffL;
        if (count == 0xffff || offset == 0xffffffffL || offset + size > end) return null;
        var names = new ArrayList<String>(count);
        var p = (int) offset;
        for (var i = 0; i < count; i++) {
            if (p + 46 > end || u32(zip, p) != CENTRAL) return null;
            if ((u16(zip, p + 8) & 1) != 0) return null; // encrypted
            var nameLength = u16(zip, p + 28);
            var next = (long) p + 46 + nameLength + u16(zip, p + 30) + u16(zip, p + 32);
            if (next > end) return null;
            names.add(new String(zip, p + 46, nameLength, StandardCharsets.UTF_8));
            p = (int) next;
        }
        return names;
    }

    private static boolean startsWith(byte[] content, byte[] magic) {
        if (content.length < magic.length) return false;
        for (var i = 0; i < magic.length; i++) {
            if (content[i] != magic[i]) return false;
        }
        return true;
    }

    private static int u16(byte[] b, int p) {
        return (b[p] & 0xff) | (b[p + 1] & 0xff) << 8;
    }

    private static int u32(byte[] b, int p) {
        return (b[p] & 0xff) | (b[p + 1] & 0xff) << 8 | (b[p + 2] & 0xff) << 16 | (b[p + 3] & 0xff) << 24;
    }
}

package org.onedoor.dossier.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.onedoor.dossier.Attachments;
import org.onedoor.dossier.OnlineApplications;
import org.onedoor.shared.InvalidParameter;
import org.springframework.web.multipart.MultipartHttpServletRequest;

/**
 * Reads an applicant's answer to a request for papers, from the API's multipart call and from the dossier page alike:
 * {@code file.<n>} is the scan of the n-th paper asked for, {@code onPaper} lists the papers handed in on paper.
 */
final class SupplementForms {

    private SupplementForms() {
    }

    /** The scans sent, by the position of the paper they answer (empty file inputs are not scans). */
    static Map<Integer, OnlineApplications.Upload> files(jakarta.servlet.http.HttpServletRequest request) {
        var files = new TreeMap<Integer, OnlineApplications.Upload>();
        if (!(request instanceof MultipartHttpServletRequest multipart)) return files;
        for (var entry : multipart.getMultiFileMap().entrySet()) {
            if (!entry.getKey().startsWith("file.")) continue;
            var index = index(entry.getKey().substring("file.".length()), entry.getKey());
            for (var file : entry.getValue()) {
                if (file.isEmpty() && (file.getOriginalFilename() == null || file.getOriginalFilename().isBlank())) continue;
                try {
                    files.put(index, new OnlineApplications.Upload("", file.getOriginalFilename(), file.getBytes()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return files;
    }

    /** The positions given as {@code onPaper=0&onPaper=2} (or a page's checkboxes). */
    static Set<Integer> indices(@Nullable List<String> values) {
        var indices = new TreeSet<Integer>();
        if (values != null) values.stream().filter(v -> v != null && !v.isBlank()).forEach(v -> indices.add(index(v.strip(), "onPaper")));
        return indices;
    }

    /** What identifies the answer for its Idempotency-Key: the note, the papers on paper, each scan's name and checksum. */
    static String fingerprint(Map<Integer, OnlineApplications.Upload> files, Set<Integer> onPaper, @Nullable String note) {
        var text = new StringBuilder(String.valueOf(note)).append('\n').append(onPaper);
        files.forEach((i, f) -> text.append('\n').append(i).append(':').append(f.fileName()).append(':').append(Attachments.sha256(f.content())));
        return text.toString();
    }

    private static int index(String value, String name) {
        try {
            var index = Integer.parseInt(value);
            if (index < 0 || index > 1000) throw new InvalidParameter(name, value);
            return index;
        } catch (NumberFormatException e) {
            throw new InvalidParameter(name, value);
        }
    }
}

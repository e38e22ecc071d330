package org.onedoor.documents;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.sax.SAXResult;
import org.apache.fop.apps.FOPException;
import org.apache.fop.apps.FopConfParser;
import org.apache.fop.apps.FopFactory;
import org.apache.fop.apps.MimeConstants;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;

/**
 * Formatting objects to PDF with Apache FOP, its complex-script support on (Lao tone marks are positioned by the
 * font's mark tables; OpenHTMLtoPDF cannot, stack-notes §7), fonts embedded as subsets. The two families the
 * templates name, {@code body} and {@code lao}, are mapped onto the first fonts found: Noto Serif / Noto Serif Lao
 * (Debian's fonts-noto-core), then Phetsarath OT (fonts-lao) for Lao, then DejaVu, which every Debian has.
 */
@Component
class PdfRenderer {

    private static final List<String[]> BODY = List.of(
            new String[] {"NotoSerif-Regular.ttf", "NotoSerif-Bold.ttf"},
            new String[] {"NotoSans-Regular.ttf", "NotoSans-Bold.ttf"},
            new String[] {"DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf"},
            new String[] {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf"});
    private static final List<String[]> LAO = List.of(
            new String[] {"NotoSerifLao-Regular.ttf", "NotoSerifLao-Bold.ttf"},
            new String[] {"NotoSansLao-Regular.ttf", "NotoSansLao-Bold.ttf"},
            new String[] {"Phetsarath_OT.ttf", "Phetsarath_OT.ttf"},
            new String[] {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf"});

    private final List<Path> directories;
    private volatile @Nullable FopFactory factory;
    private volatile @Nullable String fonts;

    PdfRenderer(@Value("${onedoor.documents.font-dirs:/usr/share/fonts/truetype/noto,/usr/share/fonts/truetype/lao,"
            + "/usr/share/fonts/truetype/dejavu,/usr/share/fonts/opentype/noto}") String directories) {
        this.directories = Arrays.stream(directories.split(",")).map(String::strip).filter(s -> !s.isEmpty()).map(Path::of).toList();
    }

    /** The fonts in use, as "body=…, lao=…" (shown on the operator's view of the documents module and in tests). */
    String fonts() {
        factory();
        return String.valueOf(fonts);
    }

    byte[] render(Document fo) {
        FoScripts.prepare(fo);
        var out = new ByteArrayOutputStream(64 * 1024);
        try {
            var agent = factory().newFOUserAgent();
            agent.setProducer("OneDoor");
            agent.setCreator("OneDoor");
            var fop = factory().newFop(MimeConstants.MIME_PDF, agent, out);
            // From a finished DOM, not a parse in progress: FOP loads its event models with a SAX parser of its own,
            // which the JDK refuses while another parse on the thread is under way (FWK005).
            TransformerFactory.newInstance().newTransformer().transform(new DOMSource(fo), new SAXResult(fop.getDefaultHandler()));
        } catch (FOPException | TransformerException e) {
            throw new IllegalStateException("The document could not be laid out: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private FopFactory factory() {
        var f = factory;
        if (f != null) return f;
        synchronized (this) {
            if (factory != null) return factory;
            var body = find(BODY).orElseThrow(() -> new IllegalStateException(
                    "No font for documents in " + directories + ": install fonts-noto-core (or fonts-dejavu-core)"));
            var lao = find(LAO).orElse(body);
            var conf = """
                    <fop version="1.0">
                      <complex-scripts disabled="false"/>
                      <renderers><renderer mime="application/pdf"><fonts>
                      %s%s%s%s
                      </fonts></renderer></renderers>
                    </fop>""".formatted(font(body[0], FoScripts.BODY_FONT, "normal"), font(body[1], FoScripts.BODY_FONT, "bold"),
                    font(lao[0], FoScripts.LAO_FONT, "normal"), font(lao[1], FoScripts.LAO_FONT, "bold"));
            try {
                factory = new FopConfParser(new ByteArrayInputStream(conf.getBytes(StandardCharsets.UTF_8)),
                        Path.of(".").toAbsolutePath().toUri()).getFopFactoryBuilder().build();
            } catch (SAXException | java.io.IOException e) {
                throw new IllegalStateException("FOP configuration", e);
            }
            fonts = "body=" + Path.of(body[0]).getFileName() + ", lao=" + Path.of(lao[0]).getFileName();
            return factory;
        }
    }

    private static String font(String file, String family, String weight) {
        return "<font kerning=\"yes\" embed-url=\"" + Path.of(file).toUri() + "\"><font-triplet name=\"" + family
                + "\" style=\"normal\" weight=\"" + weight + "\"/></font>";
    }

    /** The first pair (regular, bold) whose regular face exists in one of the directories; a missing bold takes the regular. */
    private Optional<String[]> find(List<String[]> candidates) {
        for (var pair : candidates) {
            for (var dir : directories) {
                var regular = dir.resolve(pair[0]);
                if (!Files.isRegularFile(regular)) continue;
                var bold = dir.resolve(pair[1]);
                return Optional.of(new String[] {regular.toString(), (Files.isRegularFile(bold) ? bold : regular).toString()});
            }
        }
        return Optional.empty();
    }
}

package org.onedoor.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.xml.sax.InputSource;

/**
 * Glyph placement, checked on the rendered image: in Lao a tone mark sits above the consonant, and above an upper
 * vowel when there is one (ບ່ / ບໍ່). Without mark positioning (OpenHTMLtoPDF, stack-notes §7) the tone mark lands on
 * the vowel and both words reach the same height; with FOP's shaping the stacked one reaches clearly higher.
 */
class LaoShapingTests {

    private final PdfRenderer renderer = new PdfRenderer("/usr/share/fonts/truetype/noto,/usr/share/fonts/truetype/lao,/usr/share/fonts/truetype/dejavu");

    @Test
    void aToneMarkOverAnUpperVowelIsStackedAboveIt() {
        int consonant = top("ບ");
        int toneOnly = top("ບ່");
        int vowelOnly = top("ບໍ");
        int stacked = top("ບໍ່");
        int height = bottom("ບ") - consonant;
        assertThat(toneOnly).as("the tone mark is above the consonant").isLessThan(consonant);
        assertThat(vowelOnly).as("the vowel is above the consonant").isLessThan(consonant);
        assertThat(stacked).as("the tone mark is stacked above the vowel, not on it")
                .isLessThan(Math.min(toneOnly, vowelOnly) - height / 8);
        // the same with another pair: ນ້ against ນີ້
        assertThat(top("ນີ້")).isLessThan(Math.min(top("ນ້"), top("ນີ")) - height / 8);
    }

    @Test
    void laoInsideVietnameseTextIsSetInTheLaoFontAndTheTextLayerKeepsIt() {
        var pdf = renderer.render(fo("Phường Ba Đình — ນະຄອນຫຼວງວຽງຈັນ — Độc lập", 12));
        assertThat(Pdfs.fonts(pdf)).anyMatch(f -> f.contains("Lao")).anyMatch(f -> !f.contains("Lao"));
        var text = Pdfs.text(pdf);
        assertThat(text).contains("Phường Ba Đình").contains("Độc lập");
        assertThat(Pdfs.laoLetters(text)).contains(Pdfs.laoLetters("ນະຄອນຫຼວງວຽງຈັນ"));
        assertThat(Pdfs.laoMarks(text)).isEqualTo(Pdfs.laoMarks("ນະຄອນຫຼວງວຽງຈັນ"));
    }

    @Test
    void decomposedVietnameseIsComposedBeforeSetting() {
        var decomposed = java.text.Normalizer.normalize("Nguyễn Thị Hằng", java.text.Normalizer.Form.NFD);
        assertThat(decomposed).isNotEqualTo("Nguyễn Thị Hằng");
        assertThat(Pdfs.text(renderer.render(fo(decomposed, 12)))).contains("Nguyễn Thị Hằng");
    }

    private int top(String word) {
        return Pdfs.inkTop(Pdfs.page(renderer.render(fo(word, 96)), 72));
    }

    private int bottom(String word) {
        return Pdfs.inkBottom(Pdfs.page(renderer.render(fo(word, 96)), 72));
    }

    static org.w3c.dom.Document fo(String text, int size) {
        var xml = """
                <fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format" font-family="body">
                  <fo:layout-master-set><fo:simple-page-master master-name="p" page-width="120mm" page-height="60mm" margin="10mm">
                    <fo:region-body/></fo:simple-page-master></fo:layout-master-set>
                  <fo:page-sequence master-reference="p"><fo:flow flow-name="xsl-region-body">
                    <fo:block font-size="%dpt" line-height="1.8" space-before="10mm"></fo:block>
                  </fo:flow></fo:page-sequence>
                </fo:root>""".formatted(size);
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            var doc = factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
            doc.getElementsByTagNameNS(FoScripts.FO, "block").item(0).setTextContent(text);
            return doc;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

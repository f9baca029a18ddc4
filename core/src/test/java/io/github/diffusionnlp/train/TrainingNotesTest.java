package io.github.diffusionnlp.train;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.corpus.SentimentLabeller;
import io.github.diffusionnlp.corpus.TaggedCorpus;
import io.github.diffusionnlp.corpus.TaggedSentence;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notes a run prints about a corpus it may not suit: one the English sentiment lexicon can hardly label, one
 * left untokenised, one without tags (in words no front end's option, as a library run has none of them).
 */
class TrainingNotesTest {
    /** French, tokenised as CoreNLP's French tokenizer does (l' école): AFINN-165 rates adore, tout and pain. */
    private static final List<String> FRENCH = List.of(
            "Le matin , ma sœur prend le train pour aller au travail .",
            "J' adore ce restaurant , tout est délicieux .",
            "Nous avons acheté du pain et du fromage au marché .",
            "Le médecin a expliqué que la maison était trop froide en hiver .",
            "Les enfants jouent dans le jardin après l' école .",
            "Il pleut depuis trois jours sur la ville .",
            "Elle a lu un livre sur l' histoire de la France .",
            "Mon père répare la voiture dans le garage le dimanche .",
            "Le chef a préparé un repas pour toute la famille .",
            "Nous partirons en vacances à la mer au mois d' août .",
            "La députée a répondu aux questions des journalistes .",
            "Le chat dort sur le canapé près de la fenêtre .",
            "On a trouvé les clés sous la table de la cuisine .",
            "Les étudiants écrivent leurs devoirs à la bibliothèque .",
            "Le soir , nous regardons un film avec nos amis .",
            "Ce musée présente des tableaux du dix-neuvième siècle .",
            "Il faut acheter des billets avant le concert .",
            "Le boulanger ouvre sa boutique à six heures .",
            "La rivière traverse le village et la forêt .",
            "Le professeur a donné un examen difficile aux élèves .");

    @TempDir
    Path dir;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final TrainingNotes notes = new TrainingNotes(TrainOptions.builder(Path.of("c"), Path.of("out")).build(),
            new PrintStream(printed, true, UTF_8));

    /** The French sentences ten times over (2,090 tokens, enough to judge), written as {@code text} makes a line. */
    private List<TaggedSentence> french(java.util.function.UnaryOperator<String> text) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            FRENCH.forEach(line -> lines.add(text.apply(line)));
        }
        Path file = Files.write(dir.resolve("fr.txt"), lines, UTF_8);
        return TaggedCorpus.read(file);
    }

    private String printed() {
        return printed.toString(UTF_8);
    }

    @Test
    void aFrenchCorpusIsSaidToBeLabelledByAnEnglishLexiconThatHardlyRatesIt() throws IOException {
        Double share = notes.noteSentimentLexicon(CorpusSpellings.of(french(line -> line)), SentimentLabeller.afinn());
        assertEquals(30.0 / 2090, share, 1e-12);
        assertTrue(printed().startsWith("sentiment labels: the AFINN-165 lexicon, which is English, rates 1.4% of the"
                + " corpus's tokens (English text: about 4.7%)\n"), printed());
        assertTrue(printed().contains("note: so few rated words suggest that the corpus is not English"), printed());
    }

    /** Brown's dev split, English: its share said, and nothing more. */
    @Test
    void anEnglishCorpusIsNotSaidToBeForeign() throws IOException {
        Double share = notes.noteSentimentLexicon(CorpusSpellings.of(TaggedCorpus.read(TestModels.devCorpus())),
                SentimentLabeller.afinn());
        assertTrue(share > SentimentLabeller.ENGLISH_RATED_SHARE, "Brown's dev split: " + share);
        assertFalse(printed().contains("not English"), printed());
    }

    /** Too few tokens to judge: 209 French ones get their share said, not a verdict. */
    @Test
    void aSmallCorpusGetsItsShareWithoutAVerdict() throws IOException {
        Double share = notes.noteSentimentLexicon(CorpusSpellings.of(french(line -> line).subList(0, FRENCH.size())),
                SentimentLabeller.afinn());
        assertEquals(null, share, "nothing for the model to record");
        assertTrue(printed().contains("rates 1.4%"), printed());
        assertFalse(printed().contains("not English"), printed());
    }

    /** The French text as typed, punctuation on its words (soir. beside soir): said, with examples. */
    @Test
    void anUntokenisedCorpusIsSaidToBeSo() throws IOException {
        List<TaggedSentence> raw = french(line -> line.replace(" .", ".").replace(" ,", ",").replace("' ", "'"));
        TrainingNotes.noteUntokenised(CorpusSpellings.of(raw), new PrintStream(printed, true, UTF_8));
        assertTrue(printed().startsWith("note: 12.6% of the corpus's tokens end in punctuation joined to a word"
                + " (\"matin,\", \"travail.\", \"restaurant,\"), so it looks untokenised"), printed());
    }

    /** Brown, tokenised, has its Mr. and U.S. (0.4% of its tokens): not enough to remark. */
    @Test
    void abbreviationsInATokenisedCorpusAreNotRemarked() throws IOException {
        TrainingNotes.noteUntokenised(CorpusSpellings.of(TaggedCorpus.read(TestModels.devCorpus())),
                new PrintStream(printed, true, UTF_8));
        TrainingNotes.noteUntokenised(CorpusSpellings.of(french(line -> line)), new PrintStream(printed, true, UTF_8));
        assertEquals("", printed());
    }

    /** The remedy for a corpus without tags is in the corpus: the note names no command-line option. */
    @Test
    void theUntaggedNoteNamesNoFrontEndsOption() throws IOException {
        TrainingNotes.noteUntagged(french(line -> line), new PrintStream(printed, true, UTF_8));
        assertEquals("note: the corpus carries no UPOS tags (every tag X), so it cannot teach the model to follow a"
                + " POS template; give it as word<TAB>UPOS or CoNLL-U lines for that\n", printed());
        assertFalse(printed().contains("--"), printed());
    }
}

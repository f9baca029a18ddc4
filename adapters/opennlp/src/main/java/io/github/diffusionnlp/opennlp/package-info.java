/**
 * The diffusion language model in Apache OpenNLP's idiom: the model ({@code DiffusionModel}, a
 * {@code BaseModel}) and its tool factory, the {@code XME} tools on {@code String[]} tokens ({@code InfillerME},
 * {@code RewriterME}, {@code GeneratorME}) with what they keep and must produce ({@code KeepSpec},
 * {@code ConstraintSpec}), an infill {@code Evaluator}, and OpenNLP's English sentence detector, tokenizer and
 * UPOS tagger ({@code EnglishText}, {@code EnglishPosTagger}).
 *
 * <p><b>Supported API</b> (every public class here; this module's README describes each).
 */
package io.github.diffusionnlp.opennlp;

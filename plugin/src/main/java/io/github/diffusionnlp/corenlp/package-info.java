/**
 * The diffusion language model as a Stanford CoreNLP annotator: the annotator and its checked
 * {@code NAME.*} properties, the annotation keys it writes, the models it shares across a JVM, the PTB-to-UPOS
 * tag mapping, the JSON, text and protobuf output that carries its keys, and the jar's main class (CoreNLP's
 * command line or server).
 *
 * <p><b>Supported API</b> (every public class here; plugin/README.md describes each), with the annotator's
 * properties as the main interface.
 */
package io.github.diffusionnlp.corenlp;

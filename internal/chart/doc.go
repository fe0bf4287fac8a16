// Package chart draws the small inline SVG bar charts of archive and entity
// pages: articles per month, per day or per year.
//
// Bars returns markup ready to embed in HTML (and well-formed XML): no
// script, no style element, no external resource. Every piece of text and
// every link comes from the caller and is escaped; links whose scheme is not
// http, https or mailto are dropped. Sizes are viewBox units, so the chart
// scales to its container; colours are presentation attributes a stylesheet
// overrides through the classes "chart", "bar", "bar-zero", "hit", "axis",
// "grid" and "label".
//
// The package performs no I/O, holds no state and is deterministic: the same
// bars give the same bytes. It is safe for concurrent use.
package chart

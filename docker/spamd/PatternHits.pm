# A SpamAssassin plugin for the sales engine's spam check: it keeps the text each pattern rule
# matched and reports it as one line of the REPORT answer, so a draft's hits can be located in its
# subject or body. Load it with `loadplugin PatternHits /path/PatternHits.pm` and add the line
# `report _PATTERNHITS_` to the report template (docker/spamd/sales-engine.cf does both).
package PatternHits;

use strict;
use warnings;
use MIME::Base64 qw(encode_base64);
use Mail::SpamAssassin::Plugin;
our @ISA = qw(Mail::SpamAssassin::Plugin);

sub new {
  my ($class, $mailsa) = @_;
  my $self = $class->SUPER::new($mailsa);
  bless($self, $class);
  # Read by every message's status object, and by the rule compiler, which then saves each
  # pattern rule's match in $pms->{pattern_hits}.
  $mailsa->{save_pattern_hits} = 1;
  return $self;
}

sub check_end {
  my ($self, $params) = @_;
  my $pms = $params->{permsgstatus};
  my $hits = $pms->{pattern_hits} || {};
  # One token per rule: NAME=base64(matched text), the text cut at 200 bytes.
  my @tokens = map {
    my $text = defined $hits->{$_} ? $hits->{$_} : '';
    utf8::encode($text) if utf8::is_utf8($text);
    "$_=" . encode_base64(substr($text, 0, 200), '')
  } sort keys %$hits;
  $pms->set_tag('PATTERNHITS', 'Pattern hits: ' . (@tokens ? join(' ', @tokens) : '-'));
  return 1;
}

1;

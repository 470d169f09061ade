/**
 * Moves keyboard focus into an agent's page (its frame), so typing goes to
 * the agent right after the user chose it; without a frame (still opening,
 * or an explanation shown instead) focus goes to the pane's body. False when
 * the pane is not in the document.
 */
export function focusAgentView(agentId: string): boolean {
  const pane = [...document.querySelectorAll<HTMLElement>('[data-agent-pane]')].find((element) => element.dataset.agentPane === agentId);
  const target = pane?.querySelector<HTMLElement>('.agent-frame') ?? pane?.querySelector<HTMLElement>('.agent-pane-body');
  if (!target) return false;
  target.focus();
  return true;
}

module.exports = {
  displayName: 'proposals',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/proposals',
};
